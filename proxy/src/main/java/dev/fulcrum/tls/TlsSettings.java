package dev.fulcrum.tls;

import dev.fulcrum.config.Setting;

import java.util.List;

/**
 * The TLS options of {@code server} and {@code default-server} lines, and the
 * global defaults they fall back to. The certificate files are read when the
 * line is parsed, so a missing or broken file is an error at its line, and the
 * settings hold the loaded material, not paths to read later.
 */
public final class TlsSettings {

    /** {@code check-ssl}: the health checks speak TLS (the implicit and {@code default} connects). */
    public static final Setting<Boolean> CHECK_SSL = Setting.of("check-ssl", false);
    /** {@code check-sni}: the SNI of checks; "" for none. */
    public static final Setting<String> CHECK_SNI = Setting.of("check-sni", "");
    /** {@code check-alpn}: the protocols checks offer; empty for none. */
    public static final Setting<List<String>> CHECK_ALPN = Setting.of("check-alpn", List.of());
    /** {@code verify none|required}; {@code null}: the global {@code ssl-server-verify}. */
    public static final Setting<Verify> VERIFY = Setting.of("verify", null);
    /** {@code ca-file}: the CAs that verify the server's certificate; {@code null} for none. */
    public static final Setting<TrustedCas> CA_FILE = Setting.of("ca-file", null);
    /** {@code crt}: the client certificate and key shown to a server that asks; {@code null} for none. */
    public static final Setting<KeyCertificate> CRT = Setting.of("crt", null);
    /** {@code verifyhost}: the name the certificate must carry when no SNI was sent; "" for none. */
    public static final Setting<String> VERIFYHOST = Setting.of("verifyhost", "");
    /** {@code ssl-min-ver}; {@code null}: the default (TLSv1.2, as HAProxy 2.6). */
    public static final Setting<TlsVersion> MIN_VERSION = Setting.of("ssl-min-ver", null);
    /** {@code ssl-max-ver}; {@code null}: the newest the library has. */
    public static final Setting<TlsVersion> MAX_VERSION = Setting.of("ssl-max-ver", null);

    /** {@code ciphers}: the OpenSSL cipher string of TLS 1.2 and older; "" for the global default. */
    public static final Setting<String> CIPHERS = Setting.of("ciphers", "");
    /** {@code ciphersuites}: the TLS 1.3 suites; "" for the global default. */
    public static final Setting<String> CIPHERSUITES = Setting.of("ciphersuites", "");

    /** {@code ssl-server-verify} (global): what {@code verify} is when a server line does not say. */
    public static final Setting<Verify> SERVER_VERIFY = Setting.of("ssl-server-verify", Verify.REQUIRED);
    /** {@code ssl-default-server-ciphers} (global): servers' {@code ciphers} when unset; "" for the library's. */
    public static final Setting<String> SERVER_CIPHERS = Setting.of("ssl-default-server-ciphers", "");
    /** {@code ssl-default-server-ciphersuites} (global): servers' {@code ciphersuites} when unset. */
    public static final Setting<String> SERVER_CIPHERSUITES = Setting.of("ssl-default-server-ciphersuites", "");

    /** The global defaults of servers' TLS. */
    public record ServerDefaults(Verify verify, String ciphers, String ciphersuites) {

        /** The defaults a configuration sets. */
        public static ServerDefaults of(dev.fulcrum.config.Configuration config) {
            return new ServerDefaults(config.global(SERVER_VERIFY), config.global(SERVER_CIPHERS),
                    config.global(SERVER_CIPHERSUITES));
        }
    }

    /** Whether the server's certificate is checked. */
    public enum Verify { NONE, REQUIRED }

    private TlsSettings() {
    }
}
