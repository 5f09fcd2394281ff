package dev.fulcrum.stick;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.Units;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code stick-table type <type> [len <n>] size <n> [expire <t>] [nopurge]
 * [store <data>,...]} with haproxy 2.6's messages (checked with {@code haproxy -c}).
 */
final class TableParser {

    /** The largest array HAProxy accepts ({@code gpc(100)}). */
    private static final int MAX_ARRAY = 100;

    private final KeywordContext ctx;
    private KeyType type;
    private int keyLen;
    private long size;
    private long expire;
    private boolean nopurge;
    private final Map<DataType, TableSpec.Stored> stored = new LinkedHashMap<>();

    private TableParser(KeywordContext ctx) {
        this.ctx = ctx;
    }

    static TableSpec parse(KeywordContext ctx) throws ConfigException {
        return new TableParser(ctx).run();
    }

    private TableSpec run() throws ConfigException {
        int n = ctx.argCount();
        for (int i = 0; i < n; i++) {
            String w = ctx.arg(i);
            switch (w) {
                case "size" -> size = size(ctx.arg(++i), i < n);
                case "expire" -> expire = expire(ctx.arg(++i), i < n);
                case "nopurge" -> nopurge = true;
                case "type" -> i = type(i + 1);
                case "store" -> store(ctx.arg(++i));
                case "peers" -> throw ctx.error("stick-table: 'peers' is not supported yet by Fulcrum (peers).");
                case "srvkey" -> throw ctx.error("stick-table: 'srvkey' is not supported yet by Fulcrum (peers).");
                default -> throw error("unknown argument '" + w + "'.");
            }
        }
        if (size == 0) {
            throw error("missing size.");
        }
        if (type == null) {
            throw error("missing type.");
        }
        conflicts(DataType.GPC, DataType.GPC0, DataType.GPC1, "'gpc' and 'gpc[0/1]'", "'gpc' overrides 'gpc[0/1]'");
        conflicts(DataType.GPC_RATE, DataType.GPC0_RATE, DataType.GPC1_RATE, "'gpc_rate' and 'gpc[0/1]_rate'",
                "'gpc_rate' overrides 'gpc[0/1]_rate'");
        conflicts(DataType.GPT, DataType.GPT0, null, "'gpt' and 'gpt0'", "'gpt' overrides 'gpt0'");
        return new TableSpec(ctx.proxy().name(), type, keyLen, size, expire, nopurge, stored, ctx.location());
    }

    private ConfigException error(String message) {
        return ctx.error("stick-table: " + message);
    }

    private long size(String v, boolean present) throws ConfigException {
        if (!present || v.isEmpty()) {
            throw error("missing argument after 'size'.");
        }
        long value = 0;
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            value = value * 10 + (v.charAt(i++) - '0');
        }
        if (i < v.length()) {
            long factor = switch (v.charAt(i)) {
                case 'k', 'K' -> 1L << 10;
                case 'm', 'M' -> 1L << 20;
                case 'g', 'G' -> 1L << 30;
                default -> 0;
            };
            if (factor == 0 || i + 1 < v.length()) {
                char bad = factor == 0 ? v.charAt(i) : v.charAt(i + 1);
                throw error("unexpected character '" + bad + "' in argument of 'size'.");
            }
            value *= factor;
        }
        return value;
    }

    private long expire(String v, boolean present) throws ConfigException {
        if (!present || v.isEmpty()) {
            throw error("missing argument after 'expire'.");
        }
        try {
            return Units.millis(v, "'expire'");
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("timer overflow")) {
                throw new ConfigException(ctx.location(), "stick-table: timer overflow in argument <" + v
                        + "> to <expire>, maximum value is 2147483647 ms (~24.8 days).", Diagnostic.Style.COMPACT);
            }
            char bad = v.charAt(0);
            for (char c : v.toCharArray()) {
                if (!Character.isDigit(c)) {
                    bad = c;
                    break;
                }
            }
            throw error("unexpected character '" + bad + "' in argument of 'expire'.");
        }
    }

    /** {@code type <t> [len <n>]}: returns the index of the last word used. */
    private int type(int i) throws ConfigException {
        KeyType t = KeyType.byKeyword(ctx.arg(i));
        if (t == null) {
            throw error("unknown type '" + ctx.arg(i) + "'.");
        }
        type = t;
        keyLen = switch (t) {
            case IP, INTEGER -> 4;
            case IPV6 -> 16;
            default -> KeyType.DEFAULT_LEN;
        };
        if (t.hasLength() && ctx.arg(i + 1).equals("len")) {
            String v = ctx.arg(i + 2);
            long len = Units.atol(v);
            if (len <= 0) {
                throw error("unknown type '" + v + "'."); // haproxy's words for a bad length
            }
            keyLen = (int) Math.min(len, 65535);
            return i + 2;
        }
        return i;
    }

    /** {@code store a,b(arg),c}. */
    private void store(String list) throws ConfigException {
        if (list.isEmpty()) {
            return;
        }
        for (String item : items(list)) {
            if (item.isEmpty()) {
                continue;
            }
            int open = item.indexOf('(');
            String name = open < 0 ? item : item.substring(0, open);
            DataType t = DataType.byKeyword(name);
            if (t == null) {
                throw error("unknown store option '" + name + "'.");
            }
            String arg = null;
            if (open >= 0) {
                if (!item.endsWith(")")) {
                    throw error("missing closing parenthesis after store option '" + name + "'.");
                }
                arg = item.substring(open + 1, item.length() - 1);
            }
            TableSpec.Stored s = stored(t, name, arg);
            if (stored.containsKey(t)) {
                ctx.warn("stick-table: store option '" + name + "' already enabled, ignored.");
                continue;
            }
            stored.put(t, s);
        }
    }

    /** Splits a store list at the commas outside parentheses ({@code gpc_rate(2,10s),conn_cnt}). */
    private static java.util.List<String> items(String list) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                out.add(list.substring(start, i));
                start = i + 1;
            }
        }
        out.add(list.substring(start));
        return out;
    }

    private TableSpec.Stored stored(DataType t, String name, String arg) throws ConfigException {
        boolean wantsArg = t.isRate() || t.isArray();
        if (!wantsArg) {
            if (arg != null) {
                throw error("unexpected argument to store option '" + name + "'.");
            }
            return new TableSpec.Stored(t, 1, 0);
        }
        if (arg == null || arg.isEmpty() || t.isArray() && t.isRate() && arg.indexOf(',') < 0) {
            throw error("missing argument to store option '" + name + "'.");
        }
        int elements = 1;
        String period = arg;
        if (t.isArray()) {
            int comma = arg.indexOf(',');
            String count = comma < 0 ? arg : arg.substring(0, comma);
            if (!Units.isInteger(count)) {
                throw error("error when processing store option '" + name + "'.");
            }
            long c = Long.parseLong(count);
            if (c < 1 || c > MAX_ARRAY) {
                throw error("array size is out of allowed range (1-" + MAX_ARRAY + ") for store option '" + name
                        + "'.");
            }
            elements = (int) c;
            period = comma < 0 ? null : arg.substring(comma + 1);
        }
        long ms = 0;
        if (t.isRate()) {
            try {
                ms = Units.millis(period, "'" + name + "'");
            } catch (IllegalArgumentException e) {
                throw error("error when processing store option '" + name + "'.");
            }
        }
        return new TableSpec.Stored(t, elements, ms);
    }

    private void conflicts(DataType array, DataType a, DataType b, String what, String why) throws ConfigException {
        if (stored.containsKey(array) && (stored.containsKey(a) || b != null && stored.containsKey(b))) {
            throw error("simultaneous usage of " + what + " in a same table is not permitted as " + why + ".");
        }
    }
}
