package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the header-rewriting keywords HAProxy removed in 2.1 ({@code reqrep},
 * {@code reqirep}, {@code rsprep}, {@code rspirep}, {@code reqadd}, {@code rspadd},
 * {@code reqdel}, {@code reqidel}, {@code rspdel}, {@code rspidel}, {@code block},
 * {@code redispatch}) into the modern statement that does the same thing, when
 * there is one.
 *
 * <p>The legacy keywords applied a regex to each raw line of the message:
 * {@code "Name: value"} for headers, {@code "METHOD URI VERSION"} for the request
 * line. Translated are the common shapes: a regex anchored on a literal header
 * name becomes {@code replace-header}/{@code del-header}/{@code add-header} on
 * that header (the name and the blanks after the colon removed from the regex and
 * the replacement); a request-line regex that captures the method as
 * {@code ^([^ :]*) } and puts it back as {@code \1 } becomes {@code replace-uri}
 * (groups renumbered); a regex whose first group opens before the header name
 * ({@code ^(Set-Cookie:.*) Path=(.*)}) with a replacement that starts with
 * {@code \1} becomes {@code replace-header} with that group holding the start of
 * the value. The {@code i} variants get a {@code (?i)} regex. Anything
 * else has no automatic equivalent, and {@link #translate} returns {@code null}.
 */
public final class LegacyRewrites {

    /** The legacy keyword, and HAProxy 2.6's own message refusing it. */
    public record Legacy(String keyword, String haproxyMessage) {

        /** Whether some lines of this keyword have a modern equivalent (the others never do). */
        public boolean translatable() {
            return TRANSLATABLE.contains(keyword);
        }
    }

    private static final java.util.Set<String> TRANSLATABLE = java.util.Set.of("reqadd", "rspadd", "reqdel", "reqidel",
            "rspdel", "rspidel", "reqrep", "reqirep", "rsprep", "rspirep", "block", "redispatch");

    /** HAProxy 2.6's messages for the removed keywords (observed with haproxy -c). */
    public static final List<Legacy> KEYWORDS = List.of(
            removed("reqadd", "http-request add-header"), removed("reqallow", "http-request allow"),
            removed("reqdel", "http-request del-header"), new Legacy("reqdeny",
                    "The 'reqdeny' not supported anymore since HAProxy 2.1. Use 'http-request deny' instead."),
            removed("reqiallow", "http-request allow"), removed("reqidel", "http-request del-header"),
            removed("reqideny", "http-request deny"), new Legacy("reqipass",
                    "The 'reqipass' directive is not supported anymore since HAProxy 2.1."),
            removed("reqirep", "http-request replace-header"), removed("reqitarpit", "http-request tarpit"),
            new Legacy("reqpass", "The 'reqpass' not supported anymore since HAProxy 2.1."),
            new Legacy("reqrep", "The 'reqrep' directive is not supported anymore since HAProxy 2.1. Use "
                    + "'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header' instead."),
            removed("reqtarpit", "http-request tarpit"), removed("rspadd", "http-response add-header"),
            new Legacy("rspdel", "The 'rspdel' directive is not supported anymore since HAProxy 2.1. Use "
                    + "'http-response del-header' ."),
            removed("rspdeny", "http-response deny"), removed("rspidel", "http-response del-header"),
            removed("rspideny", "http-response deny"), removed("rspirep", "http-response replace-header"),
            removed("rsprep", "http-response replace-header"),
            new Legacy("block", "The 'block' directive is not supported anymore since HAProxy 2.1. Use "
                    + "'http-request deny' which uses the exact same syntax."),
            new Legacy("redispatch", "keyword 'redispatch' directive is not supported anymore since HAProxy 2.1. "
                    + "Use 'option redispatch'."));

    /** {@code Name:} at the start of a header-line regex, the name literal. */
    private static final Pattern HEADER = Pattern.compile("^\\^([A-Za-z0-9_-]+):(.*)$", Pattern.DOTALL);
    /** {@code (Name:} opening the first group: the group carries the header name, which {@code \1} puts back. */
    private static final Pattern HEADER_IN_GROUP = Pattern.compile("^\\^\\(([A-Za-z0-9_-]+):(.*)$", Pattern.DOTALL);
    private static final Pattern HEADER_ONLY = Pattern.compile("^\\^([A-Za-z0-9_-]+)(?::|:\\.\\*|:\\.\\*\\$)?$");
    /** What legacy regexes wrote for the blanks between the colon and the value. */
    private static final Pattern BLANKS = Pattern.compile("^(?: +|\\\\s\\*|\\\\s\\+| \\*| \\+|\\[ \\\\t]\\*|\\[ \\\\t]\\+)");
    /** The method captured and skipped at the start of a request-line regex. */
    private static final String METHOD_GROUP = "^([^ :]*) ";
    private static final Pattern GROUP_REF = Pattern.compile("\\\\([0-9])");

    private LegacyRewrites() {
    }

    /** The legacy keyword of this name, or {@code null}. */
    public static Legacy legacy(String keyword) {
        for (Legacy l : KEYWORDS) {
            if (l.keyword().equals(keyword)) {
                return l;
            }
        }
        return null;
    }

    private static Legacy removed(String keyword, String modern) {
        return new Legacy(keyword, "The '" + keyword + "' directive is not supported anymore since HAProxy 2.1. Use '"
                + modern + "' instead.");
    }

    /**
     * The modern statement for a legacy one, as words, or {@code null} when there is
     * no automatic equivalent.
     *
     * @param keyword the legacy keyword
     * @param args    the words after it (its arguments, then any {@code if/unless} condition)
     */
    public static List<String> translate(String keyword, List<String> args) {
        boolean response = keyword.startsWith("rsp");
        String rule = response ? "http-response" : "http-request";
        boolean ignoreCase = keyword.length() > 3 && keyword.charAt(3) == 'i';
        return switch (keyword) {
            case "block" -> join(List.of("http-request", "deny"), args);
            case "redispatch" -> args.isEmpty() ? List.of("option", "redispatch") : null;
            case "reqadd", "rspadd" -> add(rule, args);
            case "reqdel", "reqidel", "rspdel", "rspidel" -> delete(rule, args);
            case "reqrep", "reqirep", "rsprep", "rspirep" -> replace(rule, args, ignoreCase, !response);
            default -> null;
        };
    }

    private static List<String> add(String rule, List<String> args) {
        if (args.isEmpty() || !condition(args, 1)) {
            return null;
        }
        String line = args.getFirst();
        int colon = line.indexOf(':');
        if (colon <= 0 || !line.substring(0, colon).matches("[A-Za-z0-9_-]+")) {
            return null;
        }
        String value = line.substring(colon + 1).stripLeading();
        return join(List.of(rule, "add-header", line.substring(0, colon), value), args.subList(1, args.size()));
    }

    private static List<String> delete(String rule, List<String> args) {
        if (args.isEmpty() || !condition(args, 1)) {
            return null;
        }
        // only a regex that selects a header by its name alone: "^Name", "^Name:", "^Name:.*"
        Matcher m = HEADER_ONLY.matcher(args.getFirst());
        if (!m.matches()) {
            return null;
        }
        return join(List.of(rule, "del-header", m.group(1)), args.subList(1, args.size()));
    }

    private static List<String> replace(String rule, List<String> args, boolean ignoreCase, boolean request) {
        if (args.size() < 2 || !condition(args, 2)) {
            return null;
        }
        String search = args.get(0);
        String replacement = args.get(1);
        List<String> cond = args.subList(2, args.size());
        String flags = ignoreCase ? "(?i)" : "";
        Matcher h = HEADER.matcher(search);
        if (h.matches()) {
            String name = h.group(1);
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            if (!replacement.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return null; // the line would be renamed or turned into something else
            }
            String regex = BLANKS.matcher(h.group(2)).replaceFirst("");
            String value = replacement.substring(prefix.length()).stripLeading();
            return join(List.of(rule, "replace-header", name, flags + "^" + regex, value), cond);
        }
        Matcher g = HEADER_IN_GROUP.matcher(search);
        if (g.matches() && replacement.startsWith("\\1") && !GROUP_REF.matcher(replacement).results()
                .anyMatch(r -> r.group(1).equals("0"))) {
            // "^(Set-Cookie:.*) Path=(.*)" -> "\1 Path=/x\2": the first group now holds the value's start
            String regex = BLANKS.matcher(g.group(2)).replaceFirst("");
            return join(List.of(rule, "replace-header", g.group(1), flags + "^(" + regex, replacement), cond);
        }
        if (request && search.startsWith(METHOD_GROUP) && replacement.startsWith("\\1 ")) {
            String regex = search.substring(METHOD_GROUP.length());
            String rest = replacement.substring(3);
            if (GROUP_REF.matcher(rest).results().anyMatch(r -> r.group(1).equals("0") || r.group(1).equals("1"))) {
                return null; // refers to the method or the whole line
            }
            String renumbered = GROUP_REF.matcher(rest).replaceAll(r ->
                    Matcher.quoteReplacement("\\" + (Integer.parseInt(r.group(1)) - 1)));
            return join(List.of(rule, "replace-uri", flags + "^" + regex, renumbered), cond);
        }
        return null;
    }

    /** Whether the words from {@code from} on are empty or an {@code if}/{@code unless} condition. */
    private static boolean condition(List<String> args, int from) {
        return args.size() == from || args.get(from).equals("if") || args.get(from).equals("unless");
    }

    private static List<String> join(List<String> head, List<String> tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(tail);
        return out;
    }

    /** Words written back as a configuration line, quoted where needed, for messages. */
    public static String render(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            boolean plain = !w.isEmpty() && w.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '#' || c == '"'
                    || c == '\'' || c == '\\' || c == '$');
            if (plain) {
                out.append(w);
            } else if (w.indexOf('\'') < 0) {
                out.append('\'').append(w).append('\'');
            } else {
                out.append('"').append(w.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")).append('"');
            }
        }
        return out.toString();
    }
}
