package dev.fulcrum.sample;

import dev.fulcrum.http.HttpHeaders;

import java.util.List;
import java.util.Locale;

import static dev.fulcrum.sample.ArgType.SINT;
import static dev.fulcrum.sample.ArgType.STR;
import static dev.fulcrum.sample.SampleSource.HRQHV;
import static dev.fulcrum.sample.SampleSource.HRSHV;

/**
 * The header fetches (configuration.txt 7.3.6): {@code hdr} and {@code fhdr}
 * families for requests and responses. Without an occurrence, a sample
 * expression gets the last value while an ACL tries every value in turn; an
 * occurrence counts from the first (1) or from the last (-1).
 */
final class HeaderFetches implements SampleProvider {

    /** Which headers a fetch reads. */
    private enum Side { REQUEST, RESPONSE, CONTEXT }

    @Override
    public void register(SampleRegistry.Builder r) {
        values(r, "hdr", Side.CONTEXT, false);
        values(r, "req.hdr", Side.REQUEST, false);
        values(r, "res.hdr", Side.RESPONSE, false);
        values(r, "shdr", Side.RESPONSE, false);
        values(r, "req.fhdr", Side.REQUEST, true);
        values(r, "res.fhdr", Side.RESPONSE, true);
        for (String n : List.of("req.hdr_cnt", "hdr_cnt")) {
            count(r, n, Side.REQUEST, false);
        }
        for (String n : List.of("res.hdr_cnt", "shdr_cnt")) {
            count(r, n, Side.RESPONSE, false);
        }
        count(r, "req.fhdr_cnt", Side.REQUEST, true);
        count(r, "res.fhdr_cnt", Side.RESPONSE, true);
        for (String n : List.of("req.hdr_val", "hdr_val")) {
            converted(r, n, Side.REQUEST, SampleType.SINT);
        }
        for (String n : List.of("res.hdr_val", "shdr_val")) {
            converted(r, n, Side.RESPONSE, SampleType.SINT);
        }
        for (String n : List.of("req.hdr_ip", "hdr_ip")) {
            converted(r, n, Side.REQUEST, SampleType.IPV4);
        }
        for (String n : List.of("res.hdr_ip", "shdr_ip")) {
            converted(r, n, Side.RESPONSE, SampleType.IPV4);
        }
        r.fetch("req.hdrs", SampleType.STR, HRQHV, (ctx, out) -> ctx.request() != null
                && out.setStr(block(ctx.request().headers())));
        r.fetch("res.hdrs", SampleType.STR, HRSHV, (ctx, out) -> ctx.response() != null
                && out.setStr(block(ctx.response().headers())));
        r.fetch("req.hdrs_bin", SampleType.BIN, HRQHV, (ctx, out) -> ctx.request() != null
                && out.setBin(binaryBlock(ctx.request().headers())));
        r.fetch("res.hdrs_bin", SampleType.BIN, HRSHV, (ctx, out) -> ctx.response() != null
                && out.setBin(binaryBlock(ctx.response().headers())));
        names(r, "req.hdr_names", Side.REQUEST);
        names(r, "res.hdr_names", Side.RESPONSE);
    }

    private static List<SampleSource> sources(Side side) {
        return switch (side) {
            case REQUEST -> List.of(HRQHV);
            case RESPONSE -> List.of(HRSHV);
            case CONTEXT -> List.of(HRQHV, HRSHV);
        };
    }

    /** The headers a fetch reads; the context side is the response once there is one. */
    static HttpHeaders headers(SampleContext ctx, Side side) {
        if (side == Side.RESPONSE || side == Side.CONTEXT && ctx.response() != null) {
            return ctx.response() == null ? null : ctx.response().headers();
        }
        return ctx.request() == null ? null : ctx.request().headers();
    }

    /** Returns the value for this call, iterating in ACL mode when no occurrence was given. */
    private static String value(HttpHeaders h, String name, int occ, boolean full, Sample out) {
        if (out.iterate && occ == 0) {
            return HeaderValues.next(h, name, full, out);
        }
        return HeaderValues.get(h, name, occ == 0 ? -1 : occ, full);
    }

    private static void values(SampleRegistry.Builder r, String name, Side side, boolean full) {
        r.fetch(name, ArgSpec.of(0, STR, SINT), SampleType.STR, sources(side), (a, cc) -> {
            if (!a.has(0)) {
                return (ctx, out) -> false;
            }
            String header = a.str(0);
            int occ = (int) a.sint(1, 0);
            return (ctx, out) -> {
                HttpHeaders h = headers(ctx, side);
                String v = h == null ? null : value(h, header, occ, full, out);
                return v != null && out.setStr(v);
            };
        });
    }

    private static void count(SampleRegistry.Builder r, String name, Side side, boolean full) {
        r.fetch(name, ArgSpec.of(0, STR), SampleType.SINT, sources(side), (a, cc) -> {
            String header = a.str(0, "");
            return (ctx, out) -> {
                HttpHeaders h = headers(ctx, side);
                return h != null && out.setSint(HeaderValues.count(h, header, full));
            };
        });
    }

    /** {@code hdr_val} and {@code hdr_ip}: a header value read as an integer or an address. */
    private static void converted(SampleRegistry.Builder r, String name, Side side, SampleType type) {
        r.fetch(name, ArgSpec.of(0, STR, SINT), type, sources(side), (a, cc) -> {
            String header = a.str(0, "");
            int occ = (int) a.sint(1, 0);
            return (ctx, out) -> {
                HttpHeaders h = headers(ctx, side);
                if (h == null) {
                    return false;
                }
                while (true) {
                    String v = value(h, header, occ, false, out);
                    if (v == null) {
                        return false;
                    }
                    if (type == SampleType.SINT) {
                        return out.setSint(Casts.parseLeadingLong(v));
                    }
                    if (forwardedAddress(v, out)) {
                        return true;
                    }
                    if (!out.more) {
                        return false; // an ACL skips values that are not addresses
                    }
                }
            };
        });
    }

    /**
     * An address as found in forwarding headers: IPv4 optionally followed by
     * {@code :port} (0-65535, dropped), or a bare IPv6 address.
     */
    static boolean forwardedAddress(String v, Sample out) {
        int colon = v.indexOf(':');
        if (colon < 0 || v.indexOf(':', colon + 1) < 0 && v.indexOf('.') > 0) {
            int end = colon < 0 ? v.length() : colon;
            long v4 = Inet.parseIpv4(v, 0, end, false);
            if (v4 < 0) {
                return false;
            }
            if (colon >= 0) {
                String port = v.substring(colon + 1);
                if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(port) > 65535) {
                    return false;
                }
            }
            return out.setIpv4((int) v4);
        }
        byte[] a = new byte[16];
        return Inet.parseIpv6(v, a) && out.setIpv6(a, 0);
    }

    /** The header block as HAProxy rebuilds it: lowercase names, CRLF after each line and at the end. */
    private static String block(HttpHeaders h) {
        StringBuilder b = new StringBuilder(64 * h.size() + 2);
        for (int i = 0; i < h.size(); i++) {
            b.append(h.name(i).toLowerCase(Locale.ROOT)).append(": ").append(h.value(i)).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /**
     * The headers in SPOE's binary form: each lower-cased name and value as a
     * varint length and its bytes, then two empty strings.
     */
    private static byte[] binaryBlock(HttpHeaders h) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(64 * h.size() + 2);
        for (int i = 0; i < h.size(); i++) {
            spoeString(b, h.name(i).toLowerCase(Locale.ROOT));
            spoeString(b, h.value(i));
        }
        b.write(0);
        b.write(0);
        return b.toByteArray();
    }

    private static void spoeString(java.io.ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        spoeVarint(b, bytes.length);
        b.writeBytes(bytes);
    }

    /** SPOE's variable-length integer: one byte below 240, else 4 bits then 7-bit groups. */
    static void spoeVarint(java.io.ByteArrayOutputStream b, long v) {
        if (v < 240) {
            b.write((int) v);
            return;
        }
        b.write((int) (v | 240) & 0xff);
        v = (v - 240) >>> 4;
        while (v >= 128) {
            b.write((int) (v | 128) & 0xff);
            v = (v - 128) >>> 7;
        }
        b.write((int) v);
    }

    private static void names(SampleRegistry.Builder r, String name, Side side) {
        r.fetch(name, ArgSpec.of(0, STR), SampleType.STR, sources(side), (a, cc) -> {
            String d = a.str(0, "");
            char delim = d.isEmpty() ? ',' : d.charAt(0);
            return (ctx, out) -> {
                HttpHeaders h = headers(ctx, side);
                if (h == null) {
                    return false;
                }
                StringBuilder b = new StringBuilder(16 * h.size());
                for (int i = 0; i < h.size(); i++) {
                    if (i > 0) {
                        b.append(delim);
                    }
                    b.append(h.name(i).toLowerCase(Locale.ROOT));
                }
                return out.setStr(b.toString());
            };
        });
    }
}
