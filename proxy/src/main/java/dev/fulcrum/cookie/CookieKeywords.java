package dev.fulcrum.cookie;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.config.Units;
import dev.fulcrum.proxy.Mode;
import dev.fulcrum.proxy.ProxySettings;

import java.util.ArrayList;
import java.util.List;

/** The {@code cookie} proxy keyword and the server option {@code cookie <value>}. */
public final class CookieKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("cookie", "cookie-based persistence: insert, rewrite or prefix a cookie naming the server",
                CookieKeywords::cookie);
        r.serverOption("cookie", "the value of the backend's persistence cookie that selects this server", ctx ->
                ctx.settings().set(CookieSettings.SERVER_COOKIE, ctx.arg(0)));
        r.check((config, diagnostics) -> {
            for (ProxyConfig p : config.proxies()) {
                if (p.get(CookieSettings.COOKIE) != null && p.get(ProxySettings.MODE) != Mode.HTTP
                        && p.hasBackend()) {
                    diagnostics.warning(SourceLocation.NONE, "cookie will be ignored for " + p.kindName() + " '"
                            + p.name() + "' (needs 'mode http').");
                }
            }
        });
    }

    private static void cookie(KeywordContext ctx) throws ConfigException {
        String name = ctx.arg(0);
        if (name.isEmpty()) {
            throw ctx.error("'cookie' expects <cookie_name> as argument.");
        }
        CookieSpec.Mode mode = CookieSpec.Mode.PASSIVE;
        boolean indirect = false, nocache = false, postonly = false, preserve = false, httponly = false;
        boolean secure = false, dynamic = false;
        long maxidle = 0, maxlife = 0;
        List<String> domains = new ArrayList<>();
        List<String> attrs = new ArrayList<>();
        for (int i = 1; i < ctx.argCount() && !ctx.arg(i).isEmpty(); i++) {
            String w = ctx.arg(i);
            switch (w) {
                case "rewrite", "insert", "prefix" -> {
                    CookieSpec.Mode m = CookieSpec.Mode.valueOf(w.toUpperCase(java.util.Locale.ROOT));
                    if (mode != CookieSpec.Mode.PASSIVE && mode != m) {
                        throw ctx.error("cookie 'rewrite', 'insert' and 'prefix' modes are incompatible.");
                    }
                    mode = m;
                }
                case "indirect" -> indirect = true;
                case "nocache" -> nocache = true;
                case "postonly" -> postonly = true;
                case "preserve" -> preserve = true;
                case "httponly" -> httponly = true;
                case "secure" -> secure = true;
                case "dynamic" -> dynamic = true;
                case "domain" -> {
                    if (ctx.arg(i + 1).isEmpty()) {
                        throw ctx.error("'domain' expects <domain> as argument.");
                    }
                    domains.add(ctx.arg(++i));
                }
                case "attr" -> {
                    String a = ctx.arg(i + 1);
                    if (a.isEmpty()) {
                        throw ctx.error("'attr' expects <value> as argument.");
                    }
                    for (int k = 0; k < a.length(); k++) {
                        char c = a.charAt(k);
                        if (c < 0x20 || c == 0x7f || c == ';') {
                            throw ctx.error(String.format("character '%%x%02X' is not permitted in attribute value.",
                                    (int) c));
                        }
                    }
                    attrs.add(a);
                    i++;
                }
                case "maxidle", "maxlife" -> {
                    String v = ctx.arg(i + 1);
                    if (v.isEmpty()) {
                        throw ctx.error("'" + w + "' expects <" + (w.equals("maxidle") ? "idletime" : "lifetime")
                                + "> in seconds as argument.");
                    }
                    long secs = seconds(ctx, v, w);
                    if (w.equals("maxidle")) {
                        maxidle = secs;
                    } else {
                        maxlife = secs;
                    }
                    i++;
                }
                default -> throw ctx.error("'cookie' supports 'rewrite', 'insert', 'prefix', 'indirect', 'nocache',"
                        + " 'postonly', 'domain', 'maxidle', 'dynamic', 'maxlife' and 'attr' options.");
            }
        }
        if (mode == CookieSpec.Mode.REWRITE && indirect) {
            throw ctx.error("cookie 'rewrite' and 'indirect' modes are incompatible.");
        }
        if (preserve && !indirect && mode != CookieSpec.Mode.INSERT) {
            throw ctx.error("cookie 'preserve' requires at least 'insert' or 'indirect'.");
        }
        if (dynamic) {
            throw ctx.error("'cookie' option 'dynamic' is not supported yet by Fulcrum (cookie persistence)");
        }
        ctx.settings().set(CookieSettings.COOKIE, new CookieSpec(name, mode, indirect, nocache, postonly, preserve,
                httponly, secure, domains, maxidle, maxlife, dynamic, attrs));
    }

    /** A delay in seconds unless a unit says otherwise (HAProxy's TIME_UNIT_S). */
    private static long seconds(KeywordContext ctx, String v, String what) throws ConfigException {
        try {
            if (Units.isInteger(v)) {
                return Long.parseLong(v);
            }
            return Units.micros(v, "<" + what + ">", Long.MAX_VALUE) / 1_000_000L;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ctx.error(e.getMessage() + ".");
        }
    }
}
