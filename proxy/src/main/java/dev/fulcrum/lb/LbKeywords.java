package dev.fulcrum.lb;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.config.Units;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.proxy.ProxySettings;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleParseException;
import dev.fulcrum.sample.SampleSource;
import dev.fulcrum.sample.Samples;
import dev.fulcrum.sample.UseSite;

/**
 * The load-balancing keywords: {@code balance}, {@code hash-type},
 * {@code hash-balance-factor} and {@code option allbackups}. Messages are the
 * ones haproxy 2.6 prints for the same lines, including what it tolerates
 * (extra words after most algorithms, {@code random} followed by anything but a
 * parenthesis, {@code len 1x} read as 1).
 */
public final class LbKeywords implements KeywordProvider {

    private static final String ALGORITHMS = "balance only supports 'roundrobin', 'static-rr', 'leastconn', "
            + "'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.";

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("balance", "load-balancing algorithm of a backend",
                ctx -> ctx.settings().set(LbSettings.BALANCE, parseBalance(ctx)));
        r.proxy("hash-type", "how hash-based algorithms map keys to servers",
                ctx -> ctx.settings().set(LbSettings.HASH_TYPE, parseHashType(ctx)));
        r.proxy("hash-balance-factor", "bounded-load factor for consistent hashing and random", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw ctx.error("'hash-balance-factor' expects an integer argument.");
            }
            long factor = Units.atol(ctx.arg(0));
            if (factor != 0 && factor <= 100) {
                throw ctx.error("'hash-balance-factor' must be 0 or greater than 100.");
            }
            ctx.settings().set(LbSettings.HASH_BALANCE_FACTOR, (int) Math.min(factor, Integer.MAX_VALUE));
        });
        r.proxy("option allbackups", "share the load among all backups when no active server is usable", ctx -> {
            ctx.noMoreThan(0);
            if (ctx.prefix() == KeywordContext.Prefix.DEFAULT) {
                ctx.settings().reset(LbSettings.ALL_BACKUPS);
            } else {
                ctx.settings().set(LbSettings.ALL_BACKUPS, !ctx.negated());
            }
        });
        r.check((config, diagnostics) -> {
            for (ProxyConfig p : config.proxies()) {
                if (p.get(LbSettings.BALANCE).layer7() && p.get(ProxySettings.MODE) != Mode.HTTP) {
                    diagnostics.warning(SourceLocation.NONE, "Layer 7 hash not possible for " + p.kindName() + " '"
                            + p.name() + "' (needs 'mode http'). Falling back to round robin.");
                }
            }
        });
    }

    static BalanceSpec parseBalance(KeywordContext ctx) throws ConfigException {
        String algo = ctx.arg(0);
        switch (algo) {
            case "", "roundrobin" -> {
                return new BalanceSpec.RoundRobin();
            }
            case "static-rr" -> {
                return new BalanceSpec.StaticRoundRobin();
            }
            case "leastconn" -> {
                return new BalanceSpec.LeastConn();
            }
            case "first" -> {
                return new BalanceSpec.First();
            }
            case "source" -> {
                return new BalanceSpec.Source();
            }
            case "uri" -> {
                return parseUri(ctx);
            }
            case "url_param" -> {
                return parseUrlParam(ctx);
            }
            case "hash" -> {
                if (ctx.arg(1).isEmpty()) {
                    throw ctx.error("balance hash requires a sample expression.");
                }
                if (!ctx.arg(2).isEmpty()) {
                    throw ctx.error("balance hash takes no other argument (got '" + ctx.arg(2) + "').");
                }
                ctx.settings().set(LbSettings.HASH_EXPRESSION, compileHashExpression(ctx, ctx.arg(1)));
                return new BalanceSpec.Hash(ctx.arg(1));
            }
            default -> {
                // HAProxy matches these three by prefix and reads what follows in the same word.
                if (algo.startsWith("random")) {
                    return new BalanceSpec.Random(parseDraws(ctx, algo.substring(6)));
                }
                if (algo.startsWith("rdp-cookie")) {
                    return new BalanceSpec.RdpCookie(parseRdpCookieName(ctx, algo.substring(10)));
                }
                if (algo.startsWith("hdr(")) {
                    return parseHdr(ctx, algo);
                }
                throw ctx.error(ALGORITHMS);
            }
        }
    }

    /** HAProxy reports these against the proxy's declaration line, after the section is read. */
    private static SampleExpr compileHashExpression(KeywordContext ctx, String text) throws ConfigException {
        String where = ctx.proxy().kindName() + " '" + ctx.proxy().name() + "' [" + ctx.proxy().location() + "]: ";
        SampleExpr expr;
        try {
            expr = Samples.parse(text, CompileContext.of(ctx, UseSite.BE_SET_SRV, "balance hash"));
        } catch (SampleParseException e) {
            throw new ConfigException(SourceLocation.NONE, where + "failed to parse 'balance hash' expression '"
                    + text + "' in : " + e.getMessage() + ".");
        }
        SampleSource missing = expr.unavailableAt(UseSite.BE_SET_SRV);
        if (missing != null) {
            throw new ConfigException(SourceLocation.NONE, where + "error detected while parsing 'balance hash' expression '"
                    + text + "' which requires information from " + missing.label() + ", which is not available here.");
        }
        return expr;
    }

    private static BalanceSpec.Uri parseUri(KeywordContext ctx) throws ConfigException {
        boolean whole = false;
        boolean pathOnly = false;
        int length = 0;
        int depth = 0;
        int i = 1;
        while (!ctx.arg(i).isEmpty()) {
            String word = ctx.arg(i);
            switch (word) {
                case "whole" -> {
                    whole = true;
                    i++;
                }
                case "path-only" -> {
                    pathOnly = true;
                    i++;
                }
                case "len", "depth" -> {
                    String v = ctx.arg(i + 1);
                    long n = Units.atol(v);
                    if (v.isEmpty() || n <= 0) {
                        throw ctx.error("balance uri : '" + word + "' expects a positive integer (got '" + v + "').");
                    }
                    if (word.equals("len")) {
                        length = (int) Math.min(n, Integer.MAX_VALUE);
                    } else {
                        depth = (int) Math.min(n, Integer.MAX_VALUE);
                    }
                    i += 2;
                }
                default -> throw ctx.error("balance uri only accepts parameters 'len', 'depth', 'path-only', "
                        + "and 'whole' (got '" + word + "').");
            }
        }
        return new BalanceSpec.Uri(whole, length, depth, pathOnly);
    }

    private static BalanceSpec.UrlParam parseUrlParam(KeywordContext ctx) throws ConfigException {
        String name = ctx.arg(1);
        if (name.isEmpty()) {
            throw ctx.error("balance url_param requires an URL parameter name.");
        }
        String modifier = ctx.arg(2);
        if (!modifier.isEmpty() && !modifier.equals("check_post")) {
            throw ctx.error("balance url_param only accepts 'check_post' modifier (got '" + modifier + "').");
        }
        // Anything after check_post (formerly a max_wait size) is ignored, as HAProxy does.
        return new BalanceSpec.UrlParam(name, !modifier.isEmpty());
    }

    private static BalanceSpec.Hdr parseHdr(KeywordContext ctx, String algo) throws ConfigException {
        int close = algo.indexOf(')', 4);
        if (close <= 4) {
            throw ctx.error("balance hdr requires an http header field name.");
        }
        String name = algo.substring(4, close);
        String modifier = ctx.arg(1);
        if (!modifier.isEmpty() && !modifier.equals("use_domain_only")) {
            throw ctx.error("balance hdr(" + name + ") only accepts 'use_domain_only' modifier (got '"
                    + modifier + "').");
        }
        return new BalanceSpec.Hdr(name, !modifier.isEmpty());
    }

    /** Reads {@code (N)} after {@code random}; anything not starting with a parenthesis is ignored. */
    private static int parseDraws(KeywordContext ctx, String rest) throws ConfigException {
        if (!rest.startsWith("(") || rest.startsWith("()")) {
            return 2;
        }
        int i = 1;
        boolean negative = false;
        if (i < rest.length() && (rest.charAt(i) == '+' || rest.charAt(i) == '-')) {
            negative = rest.charAt(i) == '-';
            i++;
        }
        long n = 0;
        while (i < rest.length() && Character.isDigit(rest.charAt(i))) {
            n = Math.min(n * 10 + (rest.charAt(i) - '0'), Integer.MAX_VALUE);
            i++;
        }
        if (i >= rest.length()) {
            throw ctx.error("balance random : missing closing parenthesis.");
        }
        if (rest.charAt(i) != ')') {
            throw ctx.error("balance random : unexpected character '" + rest.charAt(i) + "' after argument.");
        }
        if (negative || n < 1) {
            throw ctx.error("balance random : number of draws must be at least 1.");
        }
        return (int) n;
    }

    private static String parseRdpCookieName(KeywordContext ctx, String rest) throws ConfigException {
        if (rest.isEmpty()) {
            return "mstshash";
        }
        int close = rest.indexOf(')');
        if (!rest.startsWith("(") || close <= 1) {
            throw ctx.error("balance rdp-cookie : missing cookie name.");
        }
        return rest.substring(1, close);
    }

    static HashSpec parseHashType(KeywordContext ctx) throws ConfigException {
        HashSpec.Method method = switch (ctx.arg(0)) {
            case "map-based" -> HashSpec.Method.MAP_BASED;
            case "consistent" -> HashSpec.Method.CONSISTENT;
            case "avalanche" -> throw ctx.error("experimental feature 'hash-type avalanche' is not supported "
                    + "anymore, please use 'hash-type map-based sdbm avalanche' instead.");
            default -> throw ctx.error("'hash-type' only supports 'consistent' and 'map-based'.");
        };
        if (ctx.arg(1).isEmpty()) {
            // Consistent hashing needs well-spread keys, so HAProxy mixes sdbm's output by default.
            return new HashSpec(method, HashFunction.SDBM, method == HashSpec.Method.CONSISTENT);
        }
        HashFunction function = HashFunction.of(ctx.arg(1));
        if (function == null) {
            throw ctx.error("'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions.");
        }
        String modifier = ctx.arg(2);
        if (!modifier.isEmpty() && !modifier.equals("avalanche")) {
            throw ctx.error("'hash-type' only supports 'avalanche' as a modifier for hash functions.");
        }
        return new HashSpec(method, function, !modifier.isEmpty());
    }
}
