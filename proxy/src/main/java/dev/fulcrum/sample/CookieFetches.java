package dev.fulcrum.sample;

import dev.fulcrum.http.HttpHeaders;

import java.util.List;

import static dev.fulcrum.sample.ArgType.STR;
import static dev.fulcrum.sample.SampleSource.HRQHV;
import static dev.fulcrum.sample.SampleSource.HRSHV;

/**
 * Cookie fetches (configuration.txt 7.3.6). Request cookies come from
 * {@code Cookie} lines, separated by {@code ;} or {@code ,}; response cookies are
 * the first {@code name=value} of each {@code Set-Cookie} line. Spaces around
 * names and values are ignored and a cookie without {@code =} is not a cookie
 * (checked against haproxy 2.6). With a name, a sample gets the last occurrence;
 * without one, the first cookie; an ACL tries every match.
 */
final class CookieFetches implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        for (String n : List.of("req.cook", "cook")) {
            value(r, n, false, false, false);
        }
        for (String n : List.of("res.cook", "scook")) {
            value(r, n, true, false, false);
        }
        value(r, "cookie", false, true, false);
        for (String n : List.of("req.cook_val", "cook_val")) {
            value(r, n, false, false, true);
        }
        for (String n : List.of("res.cook_val", "scook_val")) {
            value(r, n, true, false, true);
        }
        for (String n : List.of("req.cook_cnt", "cook_cnt")) {
            count(r, n, false);
        }
        for (String n : List.of("res.cook_cnt", "scook_cnt")) {
            count(r, n, true);
        }
    }

    private static void value(SampleRegistry.Builder r, String name, boolean response, boolean byContext,
                              boolean integer) {
        List<SampleSource> src = byContext ? List.of(HRQHV, HRSHV) : List.of(response ? HRSHV : HRQHV);
        r.fetch(name, ArgSpec.of(0, STR), integer ? SampleType.SINT : SampleType.STR, src, (a, cc) -> {
            String cookie = a.str(0, "");
            return (ctx, out) -> {
                boolean res = response || byContext && ctx.response() != null;
                HttpHeaders h = res ? (ctx.response() == null ? null : ctx.response().headers())
                        : (ctx.request() == null ? null : ctx.request().headers());
                if (h == null) {
                    return false;
                }
                String v;
                if (out.iterate) {
                    v = next(h, res, cookie, out);
                } else if (cookie.isEmpty()) {
                    v = next(h, res, cookie, out.scratch());
                } else {
                    Sample cursor = out.scratch();
                    v = null;
                    for (String c; (c = next(h, res, cookie, cursor)) != null; ) {
                        v = c;
                    }
                }
                if (v == null) {
                    return false;
                }
                return integer ? out.setSint(Casts.parseLeadingLong(v)) : out.setStr(v);
            };
        });
    }

    private static void count(SampleRegistry.Builder r, String name, boolean response) {
        r.fetch(name, ArgSpec.of(0, STR), SampleType.SINT, response ? HRSHV : HRQHV, (a, cc) -> {
            String cookie = a.str(0, "");
            return (ctx, out) -> {
                HttpHeaders h = response ? (ctx.response() == null ? null : ctx.response().headers())
                        : (ctx.request() == null ? null : ctx.request().headers());
                if (h == null) {
                    return false;
                }
                Sample cursor = out.scratch();
                int n = 0;
                while (next(h, response, cookie, cursor) != null) {
                    n++;
                }
                return out.setSint(n);
            };
        });
    }

    /**
     * The value of the next cookie called {@code name} (any cookie when empty),
     * resuming from the cursors of {@code s}; {@code null} after the last.
     */
    static String next(HttpHeaders h, boolean response, String name, Sample s) {
        String header = response ? "set-cookie" : "cookie";
        for (int i = s.cursor; i < h.size(); i++) {
            if (!h.name(i).equalsIgnoreCase(header)) {
                continue;
            }
            String v = h.value(i);
            int p = i == s.cursor ? s.cursor2 : 0;
            while (p < v.length()) {
                int end = response ? v.length() : separator(v, p);
                int semi = response ? v.indexOf(';', p) : -1;
                int valueEnd = semi >= 0 ? semi : end;
                int eq = v.indexOf('=', p);
                int next = end + 1;
                if (response) {
                    next = v.length(); // only the first pair of a Set-Cookie line is the cookie
                }
                if (eq >= 0 && eq < valueEnd) {
                    String n = HeaderValues.trimmed(v, p, eq);
                    if (name.isEmpty() || n.equals(name)) {
                        s.cursor = i;
                        s.cursor2 = next;
                        s.more = true;
                        return HeaderValues.trimmed(v, eq + 1, valueEnd);
                    }
                }
                p = next;
            }
        }
        s.cursor = h.size();
        s.more = false;
        return null;
    }

    private static int separator(String v, int from) {
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ';' || c == ',') {
                return i;
            }
        }
        return v.length();
    }
}
