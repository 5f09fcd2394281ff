package dev.fulcrum.sample;

import dev.fulcrum.http.HttpRequestHead;
import dev.fulcrum.http.HttpResponseHead;
import dev.fulcrum.http.Uris;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static dev.fulcrum.sample.ArgType.SINT;
import static dev.fulcrum.sample.ArgType.STR;
import static dev.fulcrum.sample.ArgType.USR;
import static dev.fulcrum.sample.SampleSource.*;

/**
 * Layer 7 fetches on the request line, the status line, the body, captures and
 * authentication (configuration.txt 7.3.6). Header and cookie fetches have their
 * own classes.
 */
final class HttpFetches implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.fetch("method", SampleType.METH, HRQHP, (ctx, out) -> {
            HttpRequestHead q = ctx.request();
            return q != null && out.setMethod(HttpMethod.of(q.method()), q.method());
        });
        request(r, "url", HttpRequestHead::uri);
        request(r, "path", q -> q.pathStart() < 0 ? null : q.path());
        request(r, "pathq", q -> q.pathStart() < 0 ? null : q.pathAndQuery());
        request(r, "query", HttpRequestHead::query);
        request(r, "base", HttpFetches::base);
        request(r, "baseq", q -> host(q) + q.pathAndQuery());
        r.fetch("base32", SampleType.SINT, HRQHV, (ctx, out) -> {
            String b = ctx.request() == null ? null : base(ctx.request());
            return b != null && out.setSint(Hashes.avalanche(Hashes.sdbm(b)) & 0xffffffffL);
        });
        r.fetch("url32", SampleType.SINT, HRQHV, (ctx, out) -> ctx.request() != null
                && out.setSint(url32(ctx.request())));
        r.fetch("base32+src", SampleType.BIN, List.of(HRQHV, L4CLI), (ctx, out) -> {
            String b = ctx.request() == null ? null : base(ctx.request());
            return b != null && withSource(ctx, Hashes.avalanche(Hashes.sdbm(b)), out);
        });
        r.fetch("url32+src", SampleType.BIN, List.of(HRQHV, L4CLI), (ctx, out) -> ctx.request() != null
                && withSource(ctx, (int) url32(ctx.request()), out));
        r.fetch("url_ip", SampleType.IPV4, HRQHV, (ctx, out) -> {
            String host = ctx.request() == null ? null : urlHost(ctx.request().uri());
            if (host == null) {
                return false;
            }
            int colon = host.lastIndexOf(':');
            long v4 = Inet.parseIpv4(host, 0, colon < 0 ? host.length() : colon, false);
            return v4 >= 0 && out.setIpv4((int) v4);
        });
        r.fetch("url_port", SampleType.SINT, HRQHV, (ctx, out) -> {
            String host = ctx.request() == null ? null : urlHost(ctx.request().uri());
            if (host == null) {
                return false;
            }
            int colon = host.lastIndexOf(':');
            if (colon < 0 || host.endsWith("]")) {
                return out.setSint(80);
            }
            return out.setSint(Casts.parseLeadingLong(host.substring(colon + 1)));
        });
        for (String n : List.of("url_param", "urlp")) {
            r.fetch(n, ArgSpec.of(0, STR, STR), SampleType.STR, HRQHV, (a, cc) -> urlParam(a, false));
        }
        r.fetch("urlp_val", ArgSpec.of(0, STR, STR), SampleType.SINT, HRQHV, (a, cc) -> urlParam(a, true));
        for (String n : List.of("req.ver", "req_ver")) {
            request(r, n, q -> version(q.version()));
        }
        for (String n : List.of("res.ver", "resp_ver")) {
            r.fetch(n, SampleType.STR, HRSHV, (ctx, out) -> {
                HttpResponseHead s = ctx.response();
                return s != null && out.setStr(version(s.version()));
            });
        }
        r.fetch("status", SampleType.SINT, HRSHP, (ctx, out) -> ctx.response() != null
                && out.setSint(ctx.response().status()));
        r.fetch("http_first_req", SampleType.BOOL, HRQHP, (ctx, out) -> ctx.request() != null
                && out.setBool(ctx.firstRequest()));
        registerCaptures(r);
        registerBody(r);
        registerAuth(r);
    }

    private static void request(SampleRegistry.Builder r, String name, Function<HttpRequestHead, String> f) {
        r.fetch(name, SampleType.STR, HRQHV, (ctx, out) -> {
            String v = ctx.request() == null ? null : f.apply(ctx.request());
            return v != null && out.setStr(v);
        });
    }

    /** {@code HTTP/1.1} becomes {@code 1.1}. */
    private static String version(String v) {
        return v.startsWith("HTTP/") ? v.substring(5) : v;
    }

    private static String host(HttpRequestHead q) {
        String h = q.headers().get("host");
        return h == null ? "" : h;
    }

    /** The first Host header followed by the path; just the path without a Host header. */
    static String base(HttpRequestHead q) {
        String path = q.pathStart() < 0 ? "" : q.path();
        return host(q) + path;
    }

    private static long url32(HttpRequestHead q) {
        return Hashes.avalanche(Hashes.sdbm(host(q) + (q.pathStart() < 0 ? "" : q.pathAndQuery()))) & 0xffffffffL;
    }

    /** A 32-bit hash followed by the source address: 8 or 20 bytes. */
    private static boolean withSource(SampleContext ctx, int hash, Sample out) {
        byte[] src = ctx.srcAddress() == null ? null : ctx.srcAddress().getAddress();
        if (src == null) {
            return false;
        }
        byte[] b = new byte[4 + src.length];
        b[0] = (byte) (hash >>> 24);
        b[1] = (byte) (hash >>> 16);
        b[2] = (byte) (hash >>> 8);
        b[3] = (byte) hash;
        System.arraycopy(src, 0, b, 4, src.length);
        return out.setBin(b);
    }

    /** The authority of an absolute URI, or {@code null}. */
    private static String urlHost(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme <= 0 || uri.charAt(0) == '/') {
            return null;
        }
        int start = scheme + 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        return uri.substring(start, end);
    }

    /**
     * {@code url_param([name[,delim]])}: parameters start after the first {@code ?}
     * (or the delimiter) and are separated by {@code &}, {@code ;} or the delimiter.
     */
    private static Fetch urlParam(Args a, boolean integer) {
        String name = a.str(0, "");
        String d = a.str(1, "");
        char delim = d.isEmpty() ? '&' : d.charAt(0);
        return (ctx, out) -> {
            HttpRequestHead q = ctx.request();
            if (q == null) {
                return false;
            }
            String uri = q.uri();
            int start = out.cursor;
            if (start == 0) {
                int qm = uri.indexOf('?');
                int dl = d.isEmpty() ? -1 : uri.indexOf(delim);
                start = qm < 0 ? dl : dl < 0 ? qm : Math.min(qm, dl);
                if (start < 0) {
                    return false;
                }
                start++;
            }
            String v = Params.find(uri, start, name, delim, out);
            if (v == null) {
                return false;
            }
            if (!out.iterate) {
                out.more = false;
            }
            return integer ? out.setSint(Casts.parseLeadingLong(v)) : out.setStr(v);
        };
    }

    private static void registerCaptures(SampleRegistry.Builder r) {
        r.fetch("capture.req.hdr", ArgSpec.of(1, SINT), SampleType.STR, HRQHP, (a, cc) -> {
            int idx = (int) a.sint(0);
            return (ctx, out) -> {
                String v = idx < 0 ? null : ctx.capturedRequestHeader(idx);
                return v != null && out.setStr(v);
            };
        });
        r.fetch("capture.res.hdr", ArgSpec.of(1, SINT), SampleType.STR, HRSHP, (a, cc) -> {
            int idx = (int) a.sint(0);
            return (ctx, out) -> {
                String v = idx < 0 ? null : ctx.capturedResponseHeader(idx);
                return v != null && out.setStr(v);
            };
        });
        r.fetch("capture.req.method", SampleType.STR, HRQHP, (ctx, out) -> ctx.request() != null
                && out.setStr(ctx.request().method()));
        r.fetch("capture.req.uri", SampleType.STR, HRQHP, (ctx, out) -> {
            HttpRequestHead q = ctx.request();
            return q != null && q.pathStart() >= 0 && out.setStr(q.pathAndQuery());
        });
        r.fetch("capture.req.ver", SampleType.STR, HRQHP, (ctx, out) -> ctx.request() != null
                && out.setStr(ctx.request().version()));
        r.fetch("capture.res.ver", SampleType.STR, HRSHP, (ctx, out) -> ctx.response() != null
                && out.setStr(ctx.response().version()));
    }

    private static void registerBody(SampleRegistry.Builder r) {
        r.fetch("req.body", SampleType.BIN, HRQHV, (ctx, out) -> {
            ByteBuffer b = ctx.requestBody();
            if (b == null) {
                return false;
            }
            if (b.hasArray()) {
                return out.setBin(b.array(), b.arrayOffset() + b.position(), b.remaining());
            }
            byte[] copy = new byte[b.remaining()];
            b.get(b.position(), copy);
            return out.setBin(copy);
        });
        r.fetch("req.body_len", SampleType.SINT, HRQHV, (ctx, out) -> {
            ByteBuffer b = ctx.requestBody();
            return ctx.request() != null && out.setSint(b == null ? 0 : b.remaining());
        });
        r.fetch("req.body_size", SampleType.SINT, HRQHV, (ctx, out) -> {
            HttpRequestHead q = ctx.request();
            if (q == null) {
                return false;
            }
            long known = ctx.requestBodySize();
            if (known >= 0) {
                return out.setSint(known);
            }
            String cl = q.headers().get("content-length");
            if (cl != null) {
                return out.setSint(Casts.parseLeadingLong(cl.trim()));
            }
            ByteBuffer b = ctx.requestBody();
            return out.setSint(b == null ? 0 : b.remaining());
        });
        // declared binary as in HAProxy, so an ACL on it needs "-m"
        r.fetch("req.body_param", ArgSpec.of(0, STR), SampleType.BIN, HRQHV, (a, cc) -> {
            String name = a.str(0, "");
            return (ctx, out) -> {
                ByteBuffer b = ctx.requestBody();
                if (b == null) {
                    return false;
                }
                byte[] body = new byte[b.remaining()];
                b.get(b.position(), body);
                // resume after the previous match when an ACL iterates over the values
                String v = Params.find(new String(body, StandardCharsets.ISO_8859_1), out.cursor, name, '&', out);
                if (v == null) {
                    return false;
                }
                if (!out.iterate) {
                    out.more = false;
                }
                return out.setBin(v.getBytes(StandardCharsets.ISO_8859_1));
            };
        });
    }

    private static void registerAuth(SampleRegistry.Builder r) {
        r.fetch("http_auth_type", SampleType.STR, HRQHV, (ctx, out) -> {
            String[] c = BasicAuth.parse(ctx);
            return c != null && out.setStr(c[0]);
        });
        r.fetch("http_auth_user", SampleType.STR, HRQHV, (ctx, out) -> {
            String[] c = BasicAuth.parse(ctx);
            return c != null && c[1] != null && out.setStr(c[1]);
        });
        r.fetch("http_auth_pass", SampleType.STR, HRQHV, (ctx, out) -> {
            String[] c = BasicAuth.parse(ctx);
            return c != null && c[2] != null && out.setStr(c[2]);
        });
        r.fetch("http_auth_bearer", ArgSpec.of(0, STR), SampleType.STR, HRQHV, (a, cc) -> {
            String header = a.str(0, "");
            return (ctx, out) -> {
                String token = BasicAuth.bearer(ctx, header.isEmpty() ? "authorization" : header);
                return token != null && out.setStr(token);
            };
        });
        r.fetch("http_auth", ArgSpec.of(1, USR), SampleType.BOOL, HRQHV, (a, cc) -> {
            String list = a.str(0);
            cc.require(SampleReference.Kind.USERLIST, list, 1);
            return (ctx, out) -> {
                String[] c = BasicAuth.parse(ctx);
                UserlistView u = ctx.engine().userlist(list);
                return ctx.request() != null && out.setBool(c != null && c[1] != null && u != null
                        && u.check(c[1], c[2]));
            };
        });
        r.fetch("http_auth_group", ArgSpec.of(1, USR), SampleType.STR, HRQHV, (a, cc) -> {
            String list = a.str(0);
            cc.require(SampleReference.Kind.USERLIST, list, 1);
            return (ctx, out) -> {
                String[] c = BasicAuth.parse(ctx);
                UserlistView u = ctx.engine().userlist(list);
                return c != null && c[1] != null && u != null && u.check(c[1], c[2]) && out.setStr(c[1]);
            };
        });
    }
}
