package dev.fulcrum.tls;

import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.LineOptionContext;

import java.util.List;

/**
 * The TLS keywords Fulcrum implements: the server options that health checks
 * use ({@code check-ssl}, {@code check-sni}, {@code check-alpn}) and the ones
 * they share with traffic ({@code verify}, {@code ca-file}, {@code crt},
 * {@code verifyhost}, {@code ssl-min-ver}, {@code ssl-max-ver}, {@code ciphers},
 * {@code ciphersuites}), and the globals {@code ssl-server-verify},
 * {@code ssl-default-server-ciphers} and {@code ssl-default-server-ciphersuites}.
 * TLS for traffic ({@code ssl}, {@code sni}, {@code alpn}, bind ciphers) stays
 * refused until the data path speaks it.
 */
public final class TlsKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.serverOption("check-ssl", "run the health checks over TLS", ctx ->
                ctx.settings().set(TlsSettings.CHECK_SSL, true));
        r.serverOption("no-check-ssl", "cancels a default-server 'check-ssl'", ctx ->
                ctx.settings().set(TlsSettings.CHECK_SSL, false));
        r.serverOption("check-sni", "the SNI sent by TLS health checks", ctx ->
                ctx.settings().set(TlsSettings.CHECK_SNI, ctx.arg(0)));
        r.serverOption("check-alpn", "the ALPN protocols TLS health checks offer (comma-separated)", ctx ->
                ctx.settings().set(TlsSettings.CHECK_ALPN, alpn(ctx.arg(0), "'check-alpn'")));
        r.serverOption("verify", "verify the server's certificate: none or required (default)", ctx -> {
            String v = ctx.arg(0);
            TlsSettings.Verify verify = switch (v) {
                case "none" -> TlsSettings.Verify.NONE;
                case "required" -> TlsSettings.Verify.REQUIRED;
                default -> throw new IllegalArgumentException("'verify' : unknown verify method '" + v
                        + "', only 'none' and 'required' are supported.");
            };
            ctx.settings().set(TlsSettings.VERIFY, verify);
        });
        r.serverOption("ca-file", "PEM file (or directory, or @system-ca) of the CAs that verify the server", ctx ->
                ctx.settings().set(TlsSettings.CA_FILE, PemFiles.cas(ctx.arg(0))));
        r.serverOption("crt", "PEM file of the client certificate and key shown to the server", ctx ->
                ctx.settings().set(TlsSettings.CRT, PemFiles.keyCertificate(ctx.arg(0))));
        r.serverOption("verifyhost", "the name the server's certificate must carry when no SNI is sent", ctx ->
                ctx.settings().set(TlsSettings.VERIFYHOST, ctx.arg(0)));
        r.serverOption("no-verifyhost", "cancels a default-server 'verifyhost'", ctx ->
                ctx.settings().set(TlsSettings.VERIFYHOST, ""));
        r.serverOption("ssl-min-ver", "oldest TLS version: SSLv3, TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3", ctx ->
                ctx.settings().set(TlsSettings.MIN_VERSION, version(ctx)));
        r.serverOption("ssl-max-ver", "newest TLS version: SSLv3, TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3", ctx ->
                ctx.settings().set(TlsSettings.MAX_VERSION, version(ctx)));
        r.serverOption("ciphers", "OpenSSL cipher list of TLS 1.2 and older for TLS checks (HIGH:!aNULL...)", ctx ->
                ctx.settings().set(TlsSettings.CIPHERS, cipherArgument(ctx.arg(0), "ciphers")));
        r.serverOption("ciphersuites", "TLS 1.3 cipher suites for TLS checks (TLS_AES_128_GCM_SHA256:...)", ctx ->
                ctx.settings().set(TlsSettings.CIPHERSUITES, cipherArgument(ctx.arg(0), "ciphersuites")));
        for (var key : List.of(TlsSettings.SERVER_CIPHERS, TlsSettings.SERVER_CIPHERSUITES)) {
            r.global(key.name(), "servers' default '" + (key == TlsSettings.SERVER_CIPHERS ? "ciphers"
                    : "ciphersuites") + "'", ctx -> {
                if (ctx.arg(0).isEmpty()) {
                    throw ctx.error("global statement " + ctx.quoted() + " expects a cipher suite as an argument.");
                }
                ctx.noMoreThan(1);
                ctx.global().set(key, ctx.arg(0));
            });
        }
        r.global("ssl-server-verify", "servers' default 'verify': none or required (default)", ctx -> {
            ctx.noMoreThan(1);
            String v = ctx.arg(0);
            if (v.isEmpty()) {
                throw ctx.error(ctx.quoted() + " expects an integer argument.");
            }
            TlsSettings.Verify verify = switch (v) {
                case "none" -> TlsSettings.Verify.NONE;
                case "required" -> TlsSettings.Verify.REQUIRED;
                default -> throw ctx.error(ctx.quoted() + " expects 'none' or 'required' as argument.");
            };
            ctx.global().set(TlsSettings.SERVER_VERIFY, verify);
        });
    }

    /**
     * A comma-separated ALPN protocol list (possibly empty).
     *
     * @param what the option as HAProxy's message names it
     */
    public static List<String> alpn(String text, String what) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " : missing the comma-delimited ALPN protocol suite.");
        }
        // (empty names, as in "h2,,", are dropped: TLS cannot carry them)
        List<String> out = List.of(text.split(",")).stream().filter(s -> !s.isEmpty()).toList();
        for (String p : out) {
            if (p.length() > 255) {
                throw new IllegalArgumentException(what + " : ALPN protocol name too long : '" + p + "'.");
            }
        }
        return out;
    }

    private static String cipherArgument(String v, String option) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException("'" + option + "' : missing cipher suite.");
        }
        return v;
    }

    private static TlsVersion version(LineOptionContext ctx) {
        TlsVersion v = TlsVersion.of(ctx.arg(0));
        if (v == null) {
            throw new IllegalArgumentException("'" + ctx.arg(0) + "' : unknown ssl/tls version.");
        }
        return v;
    }
}
