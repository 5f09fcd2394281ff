package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.http.HttpHeaders;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code set-header}, {@code add-header}, {@code del-header [-m meth]},
 * {@code replace-header} and {@code replace-value}, on the request or the
 * response depending on the rule set.
 */
final class HeaderActions {

    private HeaderActions() {
    }

    static HttpHeaders headers(HttpTxn t, boolean response) {
        if (response) {
            return t.response() == null ? null : t.response().headers();
        }
        return t.request() == null ? null : t.request().headers();
    }

    /** {@code set-header <name> <fmt>} ({@code add == false}) and {@code add-header <name> <fmt>}. */
    static HttpAction setOrAdd(RuleContext rc, boolean response, boolean add) throws ConfigException {
        rc.exactly(2, "expects exactly 2 arguments.");
        String name = rc.arg(0);
        Fmt value = rc.format(rc.arg(1));
        return t -> {
            HttpHeaders h = headers(t, response);
            if (h != null) {
                String v = value.render(t); // rendered first: the format may read the header being replaced
                if (add) {
                    h.add(name, v);
                } else {
                    h.set(name, v);
                }
            }
            return Verdict.CONTINUE;
        };
    }

    /** {@code del-header <name> [-m str|beg|end|sub|reg]}. */
    static HttpAction delete(RuleContext rc, boolean response) throws ConfigException {
        if (rc.argCount() != 1 && rc.argCount() != 3) {
            throw rc.error("expects exactly 1 arguments.");
        }
        String name = rc.arg(0).toLowerCase(Locale.ROOT);
        String method = "str";
        if (rc.argCount() == 3) {
            if (!rc.arg(1).equals("-m")) {
                throw rc.error("expects exactly 1 arguments.");
            }
            method = rc.arg(2);
        }
        NameMatch match = switch (method) {
            case "str" -> n -> n.equals(name);
            case "beg" -> n -> n.startsWith(name);
            case "end" -> n -> n.endsWith(name);
            case "sub" -> n -> n.contains(name);
            case "reg" -> {
                Pattern p = rc.regex(rc.arg(0), "");
                yield n -> p.matcher(n).find();
            }
            default -> throw rc.error("-m with unsupported matching method '" + method + "'.");
        };
        boolean exact = method.equals("str");
        return t -> {
            HttpHeaders h = headers(t, response);
            if (h == null) {
                return Verdict.CONTINUE;
            }
            if (exact) {
                h.remove(name);
                return Verdict.CONTINUE;
            }
            for (int i = h.size() - 1; i >= 0; i--) {
                if (match.test(h.name(i))) {
                    h.removeAt(i);
                }
            }
            return Verdict.CONTINUE;
        };
    }

    private interface NameMatch {
        boolean test(String lowerCaseName);
    }

    /**
     * {@code replace-header <name> <regex> <fmt>} ({@code perValue == false}) and
     * {@code replace-value}: each occurrence (or each comma-separated value) that the
     * regex finds a match in is replaced by the format, whose {@code \N} refer to the
     * match's groups.
     */
    static HttpAction replace(RuleContext rc, boolean response, boolean perValue) throws ConfigException {
        rc.exactly(3, "expects exactly 3 arguments.");
        String name = rc.arg(0);
        Pattern regex = rc.regex(rc.arg(1), "");
        Fmt replacement = rc.format(rc.arg(2));
        return t -> {
            HttpHeaders h = headers(t, response);
            if (h == null) {
                return Verdict.CONTINUE;
            }
            String fmt = null;
            for (int i = h.indexOf(name, 0); i >= 0; i = h.indexOf(name, i + 1)) {
                if (fmt == null) {
                    fmt = replacement.render(t);
                }
                String v = h.value(i);
                String nv = perValue ? replaceValues(v, regex, fmt) : Regexes.replace(v, regex, fmt);
                if (nv != null) {
                    h.setValue(i, nv);
                }
            }
            return Verdict.CONTINUE;
        };
    }

    /** Applies the replacement to each comma-separated element, keeping the separators as they were. */
    static String replaceValues(String line, Pattern regex, String fmt) {
        StringBuilder out = null;
        int start = 0;
        int len = line.length();
        while (true) {
            int comma = line.indexOf(',', start);
            int stop = comma < 0 ? len : comma;
            int a = start;
            int b = stop;
            while (a < b && (line.charAt(a) == ' ' || line.charAt(a) == '\t')) {
                a++;
            }
            while (b > a && (line.charAt(b - 1) == ' ' || line.charAt(b - 1) == '\t')) {
                b--;
            }
            String r = Regexes.replace(line.substring(a, b), regex, fmt);
            if (r != null && out == null) {
                out = new StringBuilder(line.length() + 16).append(line, 0, start);
            }
            if (out != null) {
                if (r != null) {
                    out.append(r); // as HAProxy: a rewritten element loses the blanks before it
                } else {
                    out.append(line, start, stop);
                }
                if (r != null) {
                    out.append(line, b, stop);
                }
                if (comma >= 0) {
                    out.append(',');
                }
            }
            if (comma < 0) {
                return out == null ? null : out.toString();
            }
            start = comma + 1;
        }
    }
}
