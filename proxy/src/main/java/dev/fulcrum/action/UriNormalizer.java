package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.http.ErrorPages;
import dev.fulcrum.http.HttpRequestHead;
import dev.fulcrum.http.Termination;
import dev.fulcrum.http.Uris;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code http-request normalize-uri <normalizer>}: the URI normalizers of HAProxy
 * 2.6 (configuration.txt, "normalize-uri"). Path normalizers work on the path
 * only, the percent-encoding ones on the path and query, the fragment ones on the
 * whole URI. A {@code strict} normalizer that meets an invalid percent sequence
 * answers 400.
 */
final class UriNormalizer {

    /** The normalizers, by their keyword. */
    enum Mode {
        FRAGMENT_ENCODE("fragment-encode"), FRAGMENT_STRIP("fragment-strip"), PATH_MERGE_SLASHES("path-merge-slashes"),
        PATH_STRIP_DOT("path-strip-dot"), PATH_STRIP_DOTDOT("path-strip-dotdot"),
        PERCENT_DECODE_UNRESERVED("percent-decode-unreserved"), PERCENT_TO_UPPERCASE("percent-to-uppercase"),
        QUERY_SORT_BY_NAME("query-sort-by-name");

        final String keyword;

        Mode(String keyword) {
            this.keyword = keyword;
        }
    }

    private UriNormalizer() {
    }

    static HttpAction parse(RuleContext rc) throws ConfigException {
        if (!rc.ctx.global().get(ActionSettings.EXPERIMENTAL)) {
            throw rc.ctx.error("'normalize-uri' action is experimental, must be allowed via a global "
                    + "'expose-experimental-directives'");
        }
        String word = rc.arg(0);
        Mode mode = null;
        for (Mode m : Mode.values()) {
            if (m.keyword.equals(word)) {
                mode = m;
            }
        }
        if (mode == null) {
            throw rc.error("unknown normalizer '" + word + "'.");
        }
        boolean option = false;
        boolean optional = mode == Mode.PATH_STRIP_DOTDOT || mode == Mode.PERCENT_DECODE_UNRESERVED
                || mode == Mode.PERCENT_TO_UPPERCASE;
        if (optional && rc.argCount() == 1 && rc.end < rc.ctx.argCount()) {
            // HAProxy 2.6's parser leaves these normalizers unset when a condition follows them
            // directly, and they then act as path-merge-slashes; Fulcrum does the same, and says so.
            rc.ctx.warn("'" + rc.ruleName() + " " + word + "' followed by a condition acts as 'path-merge-slashes' "
                    + "in HAProxy 2.6, and so in Fulcrum; write '" + (mode == Mode.PATH_STRIP_DOTDOT ? "full" : "strict")
                    + "' or move the normalizer to an unconditional rule to get '" + word + "'.");
            mode = Mode.PATH_MERGE_SLASHES;
        }
        if (rc.argCount() > 1) {
            String expected = mode == Mode.PATH_STRIP_DOTDOT ? "full"
                    : mode == Mode.PERCENT_DECODE_UNRESERVED || mode == Mode.PERCENT_TO_UPPERCASE ? "strict" : null;
            if (expected == null || !rc.arg(1).equals(expected) || rc.argCount() > 2) {
                throw rc.error("unexpected argument '" + rc.arg(expected == null || !rc.arg(1).equals(expected) ? 1 : 2)
                        + "'.");
            }
            option = true;
        }
        Mode m = mode;
        boolean opt = option;
        return t -> {
            HttpRequestHead req = t.request();
            if (req == null) {
                return Verdict.CONTINUE;
            }
            String uri = req.uri();
            String out;
            try {
                out = normalize(uri, m, opt);
            } catch (IllegalArgumentException invalid) {
                ErrorPages.Page page = t.errorPage(400);
                t.reply(page.head(), page.body(), Termination.PROXY);
                t.closeAfterReply();
                return Verdict.REPLY;
            }
            if (!out.equals(uri)) {
                req.uri(out);
            }
            return Verdict.CONTINUE;
        };
    }

    /**
     * The URI after one normalizer.
     *
     * @throws IllegalArgumentException for an invalid percent sequence in strict mode
     */
    static String normalize(String uri, Mode mode, boolean option) {
        switch (mode) {
            case FRAGMENT_STRIP -> {
                int h = uri.indexOf('#');
                return h < 0 ? uri : uri.substring(0, h);
            }
            case FRAGMENT_ENCODE -> {
                return uri.indexOf('#') < 0 ? uri : uri.replace("#", "%23");
            }
            default -> {
            }
        }
        int s = Uris.pathStart(uri);
        if (s < 0) {
            return uri;
        }
        int q = uri.indexOf('?', s);
        String prefix = uri.substring(0, s);
        String path = q < 0 ? uri.substring(s) : uri.substring(s, q);
        String query = q < 0 ? "" : uri.substring(q);
        return switch (mode) {
            case PATH_MERGE_SLASHES -> prefix + mergeSlashes(path) + query;
            case PATH_STRIP_DOT -> prefix + stripDot(path) + query;
            case PATH_STRIP_DOTDOT -> prefix + stripDotDot(path, option) + query;
            case PERCENT_DECODE_UNRESERVED -> prefix + percent(uri.substring(s), true, option);
            case PERCENT_TO_UPPERCASE -> prefix + percent(uri.substring(s), false, option);
            case QUERY_SORT_BY_NAME -> prefix + path + (query.isEmpty() ? "" : "?" + sortQuery(query.substring(1)));
            default -> uri;
        };
    }

    private static String mergeSlashes(String path) {
        if (!path.contains("//")) {
            return path;
        }
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || b.length() == 0 || b.charAt(b.length() - 1) != '/') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                out.add(path.substring(start));
                return out;
            }
            out.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    private static String join(List<String> segs, boolean trailingSlash) {
        StringBuilder b = new StringBuilder();
        for (String s : segs) {
            b.append('/').append(s);
        }
        if (trailingSlash || b.length() == 0) {
            b.append('/');
        }
        return b.toString();
    }

    private static String stripDot(String path) {
        if (!path.startsWith("/") || !path.contains("/.")) {
            return path;
        }
        List<String> in = segments(path);
        List<String> out = new ArrayList<>(in.size());
        boolean trailing = false;
        for (int i = 0; i < in.size(); i++) {
            String seg = in.get(i);
            if (seg.equals(".")) {
                trailing = i == in.size() - 1;
            } else {
                out.add(seg);
            }
        }
        return join(out, trailing);
    }

    private static String stripDotDot(String path, boolean full) {
        if (!path.startsWith("/") || !path.contains("/..")) {
            return path;
        }
        List<String> in = segments(path);
        List<String> out = new ArrayList<>(in.size());
        boolean trailing = false;
        for (int i = 0; i < in.size(); i++) {
            String seg = in.get(i);
            trailing = false;
            if (seg.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                    trailing = i == in.size() - 1;
                } else if (full) {
                    trailing = i == in.size() - 1;
                } else {
                    out.add(seg);
                }
            } else {
                out.add(seg);
            }
        }
        return join(out, trailing);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean unreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static String percent(String s, boolean decode, boolean strict) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                b.append(c);
                continue;
            }
            int h1 = i + 1 < s.length() ? hex(s.charAt(i + 1)) : -1;
            int h2 = i + 2 < s.length() ? hex(s.charAt(i + 2)) : -1;
            if (h1 < 0 || h2 < 0) {
                if (strict) {
                    throw new IllegalArgumentException("invalid percent sequence");
                }
                b.append(c);
                continue;
            }
            int v = h1 * 16 + h2;
            if (decode) {
                if (unreserved(v)) {
                    b.append((char) v);
                } else {
                    b.append(s, i, i + 3);
                }
            } else {
                b.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
            }
            i += 2;
        }
        return b.toString();
    }

    private static String sortQuery(String query) {
        if (query.indexOf('&') < 0) {
            return query;
        }
        List<String> params = new ArrayList<>(List.of(query.split("&", -1)));
        params.sort((a, b) -> name(a).compareTo(name(b))); // List.sort is stable
        return String.join("&", params);
    }

    private static String name(String param) {
        int eq = param.indexOf('=');
        return eq < 0 ? param : param.substring(0, eq);
    }
}
