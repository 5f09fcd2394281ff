package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.http.HttpRequestHead;
import dev.fulcrum.http.Uris;

import java.util.regex.Pattern;

/**
 * Request line rewrites: {@code set-method}, {@code set-path}, {@code set-pathq},
 * {@code set-query}, {@code set-uri}, and the regex forms {@code replace-path},
 * {@code replace-pathq}, {@code replace-uri}.
 */
final class UriActions {

    /** The part of the request line an action rewrites. */
    enum Part { METHOD, PATH, PATHQ, QUERY, URI }

    private UriActions() {
    }

    /** {@code set-<part> <fmt>}. */
    static HttpAction set(RuleContext rc, Part part) throws ConfigException {
        rc.exactly(1, "expects exactly 1 argument <format>.");
        Fmt fmt = rc.format(rc.arg(0));
        return t -> {
            HttpRequestHead req = t.request();
            if (req != null) {
                apply(req, part, fmt.render(t));
            }
            return Verdict.CONTINUE;
        };
    }

    /** {@code replace-<part> <regex> <fmt>}: the part is replaced when the regex finds a match in it. */
    static HttpAction replace(RuleContext rc, Part part) throws ConfigException {
        rc.exactly(2, "expects exactly 2 arguments.");
        Pattern regex = rc.regex(rc.arg(0), "failed to parse the regex : ");
        Fmt fmt = rc.format(rc.arg(1));
        return t -> {
            HttpRequestHead req = t.request();
            if (req == null) {
                return Verdict.CONTINUE;
            }
            String current = switch (part) {
                case PATH -> req.path();
                case PATHQ -> req.pathAndQuery();
                default -> req.uri();
            };
            String replaced = Regexes.replace(current, regex, fmt.render(t));
            if (replaced != null) {
                apply(req, part, replaced);
            }
            return Verdict.CONTINUE;
        };
    }

    /** Writes {@code value} into the request's {@code part}, as HAProxy's http_replace_req_* do. */
    static void apply(HttpRequestHead req, Part part, String value) {
        String uri = req.uri();
        switch (part) {
            case METHOD -> req.method(value);
            case URI -> req.uri(value);
            case PATH -> {
                int s = Uris.pathStart(uri);
                String prefix = prefix(uri, s);
                int q = s < 0 ? -1 : uri.indexOf('?', s);
                req.uri(prefix + value + (q < 0 ? "" : uri.substring(q)));
            }
            case PATHQ -> req.uri(prefix(uri, Uris.pathStart(uri)) + value);
            case QUERY -> {
                int q = uri.indexOf('?');
                if (q >= 0) {
                    req.uri(uri.substring(0, q + 1) + value);
                } else if (!value.isEmpty()) {
                    req.uri(uri + "?" + value);
                }
            }
        }
    }

    /** What precedes the path: the scheme and authority of an absolute URI, else nothing. */
    private static String prefix(String uri, int pathStart) {
        if (pathStart >= 0) {
            return uri.substring(0, pathStart);
        }
        return uri.contains("://") ? uri : "";
    }
}
