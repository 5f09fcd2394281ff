package dev.fulcrum.log;

import dev.fulcrum.config.Address;
import dev.fulcrum.config.AddressParser;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code log} statement: where messages go and which of them
 * ({@code log <target> [len N] [format F] [sample R:S] <facility> [level [minlevel]]},
 * or the {@code log global} marker that stands for the global section's targets).
 *
 * @param address   where to send: UDP ({@link Address.Inet}), a UNIX datagram
 *                  socket ({@link Address.Unix}) or a file descriptor
 *                  ({@link Address.Fd}, {@code stdout}/{@code stderr}); {@code null}
 *                  for {@code log global}
 * @param maxLength longest datagram before the line feed, header included (80-65535, default 1024)
 * @param format    the header format, or {@code null} for the default (local, or rfc3164
 *                  with {@code log-send-hostname})
 * @param sampling  which messages this target takes, or {@code null} for all
 * @param facility  the syslog facility
 * @param maxLevel  least severe level sent
 * @param minLevel  most severe level written: more severe messages are capped to it
 * @param text      the address as written, for messages
 * @param location  where the statement is
 */
public record LogTarget(Address address, int maxLength, SyslogFormat format, Sampling sampling, Facility facility,
                        Level maxLevel, Level minLevel, String text, SourceLocation location) {

    /** Sends 1 message in {@code size} when its rank (1-based, cycling) is in one of the ranges. */
    public record Sampling(List<int[]> ranges, int size) {
        public boolean takes(long counter) {
            int rank = (int) (counter % size) + 1;
            for (int[] r : ranges) {
                if (rank >= r[0] && rank <= r[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Default datagram length, as HAProxy's. */
    public static final int DEFAULT_LENGTH = 1024;

    /** Whether this is the {@code log global} marker. */
    public boolean isGlobal() {
        return address == null;
    }

    static LogTarget global(SourceLocation location) {
        return new LogTarget(null, DEFAULT_LENGTH, null, null, Facility.KERN, Level.DEBUG, Level.EMERG, "global",
                location);
    }

    /** Parses the arguments of a {@code log} statement (not {@code global}), with HAProxy's messages. */
    static LogTarget parse(KeywordContext ctx, boolean inProxy) throws ConfigException {
        List<String> a = new ArrayList<>(ctx.args(0));
        while (!a.isEmpty() && a.getLast().isEmpty()) {
            a.removeLast();
        }
        if (a.size() < 2) {
            throw ctx.error("log : expects <address> and <facility> " + (inProxy ? "or global " : "") + "as arguments");
        }
        String where = a.get(0);
        int i = 1;
        int len = DEFAULT_LENGTH;
        SyslogFormat format = null;
        Sampling sampling = null;
        while (i < a.size()) {
            switch (a.get(i)) {
                case "len" -> {
                    String v = i + 1 < a.size() ? a.get(i + 1) : "";
                    int n = parseInt(v);
                    if (n < 80 || n > 65535) {
                        throw ctx.error("log : invalid log length '" + v + "' (expected: 80-65535)");
                    }
                    len = n;
                    i += 2;
                }
                case "format" -> {
                    String v = i + 1 < a.size() ? a.get(i + 1) : "";
                    format = SyslogFormat.of(v);
                    if (format == null) {
                        throw ctx.error("log : unknown log format '" + v + "'");
                    }
                    i += 2;
                }
                case "sample" -> {
                    sampling = sampling(ctx, i + 1 < a.size() ? a.get(i + 1) : "");
                    i += 2;
                }
                default -> {
                    return finish(ctx, a, i, where, len, format, sampling, inProxy);
                }
            }
        }
        throw ctx.error("log : expects <address> and <facility> " + (inProxy ? "or global " : "") + "as arguments");
    }

    private static LogTarget finish(KeywordContext ctx, List<String> a, int i, String where, int len,
                                    SyslogFormat format, Sampling sampling, boolean inProxy) throws ConfigException {
        Facility facility = Facility.of(a.get(i));
        if (facility == null) {
            throw ctx.error("log : unknown log facility '" + a.get(i) + "'");
        }
        Level max = Level.DEBUG;
        Level min = Level.EMERG;
        if (i + 1 < a.size()) {
            max = Level.of(a.get(i + 1));
            if (max == null) {
                throw ctx.error("log : unknown optional log level '" + a.get(i + 1) + "'");
            }
        }
        if (i + 2 < a.size()) {
            min = Level.of(a.get(i + 2));
            if (min == null) {
                throw ctx.error("log : unknown optional minimum log level '" + a.get(i + 2) + "'");
            }
        }
        if (i + 3 < a.size()) {
            throw ctx.error("log : cannot handle unexpected argument '" + a.get(i + 3) + "'");
        }
        Address address = address(ctx, where);
        return new LogTarget(address, len, format, sampling, facility, max, min, where, ctx.location());
    }

    private static Address address(KeywordContext ctx, String where) throws ConfigException {
        if (where.equals("stdout")) {
            return new Address.Fd(1);
        }
        if (where.equals("stderr")) {
            return new Address.Fd(2);
        }
        if (where.startsWith("ring@")) {
            throw ctx.error("log : '" + where + "' : ring buffers are not supported yet by Fulcrum (log rings).");
        }
        if (where.startsWith("tcp@") || where.startsWith("tcp4@") || where.startsWith("tcp6@")) {
            throw ctx.error("log : '" + where + "' : TCP syslog servers are not supported yet by Fulcrum (log rings).");
        }
        Address addr;
        try {
            addr = AddressParser.parse(where, AddressParser.Use.LOG, ctx.state().environment());
        } catch (IllegalArgumentException e) {
            throw ctx.error("log : " + e.getMessage());
        }
        return switch (addr) {
            case Address.Inet inet -> {
                if (inet.anyHost()) {
                    throw ctx.error("log : invalid address: '" + where + "'");
                }
                yield addr;
            }
            case Address.Unix u -> addr;
            case Address.Fd fd -> addr;
            case Address.Abstract ab -> throw ctx.error("log : '" + where
                    + "' : abstract sockets are not supported yet by Fulcrum as log targets.");
        };
    }

    private static Sampling sampling(KeywordContext ctx, String spec) throws ConfigException {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw ctx.error("log : Missing sample size");
        }
        String rangesText = spec.substring(0, colon);
        String sizeText = spec.substring(colon + 1);
        List<int[]> ranges = new ArrayList<>();
        int highest = 0;
        for (String r : rangesText.split(",")) {
            int dash = r.indexOf('-');
            int low = parseInt(dash < 0 ? r : r.substring(0, dash));
            int high = dash < 0 ? low : parseInt(r.substring(dash + 1));
            if (low <= 0 || high <= 0 || high < low) {
                throw ctx.error("log : invalid range '" + r + "'");
            }
            ranges.add(new int[] {low, high});
            highest = Math.max(highest, high);
        }
        int size = parseInt(sizeText);
        if (size <= 0) {
            throw ctx.error("log : wrong sample size '" + sizeText + "' for sample range '" + rangesText + "'");
        }
        if (size < highest) {
            throw ctx.error("log : sample size " + size + " should be greater or equal to " + highest
                    + " the maximum of the high ranges limits");
        }
        return new Sampling(List.copyOf(ranges), size);
    }

    private static int parseInt(String v) {
        if (v.isEmpty() || v.length() > 9) {
            return -1;
        }
        for (int k = 0; k < v.length(); k++) {
            if (!Character.isDigit(v.charAt(k))) {
                return -1;
            }
        }
        return Integer.parseInt(v);
    }
}
