package dev.fulcrum.tls;

import dev.fulcrum.config.ServerConfig;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How Fulcrum speaks TLS to one server, as its server line says: whether and
 * against which CAs the certificate is verified, the name it must carry when
 * no SNI is sent, the client certificate, the protocol versions and the ALPN
 * protocols offered. Everything but the SNI, which each connection sets, so
 * equal values share one {@link io.netty.handler.ssl.SslContext}
 * ({@link ClientContexts}).
 *
 * @param verify     whether the server's certificate is checked
 * @param cas        the CAs it is checked against ({@code null} with {@code verify none})
 * @param crt        the client certificate, or {@code null}
 * @param verifyHost the name checked when no SNI was sent, or {@code ""}
 * @param alpn       the ALPN protocols offered, in order of preference; empty for none
 * @param min        the oldest protocol version allowed, or {@code null}
 * @param max        the newest protocol version allowed, or {@code null}
 * @param ciphers    the TLS 1.2 (and older) suites offered, JDK names in order; {@code null} for the JDK's
 * @param suites     the TLS 1.3 suites offered; {@code null} for the JDK's
 */
public record ClientTls(TlsSettings.Verify verify, TrustedCas cas, KeyCertificate crt, String verifyHost,
                        List<String> alpn, TlsVersion min, TlsVersion max, List<String> ciphers,
                        List<String> suites) {

    public ClientTls {
        requireNonNull(verify, "verify");
        requireNonNull(verifyHost, "verifyHost");
        alpn = List.copyOf(alpn);
        ciphers = ciphers == null ? null : List.copyOf(ciphers);
        suites = suites == null ? null : List.copyOf(suites);
    }

    /**
     * The TLS of a server's health checks: the server's TLS options with
     * {@code check-alpn} as the protocols offered, and its {@code ciphers} and
     * {@code ciphersuites} or else the global defaults.
     *
     * @param defaults the global {@code ssl-server-verify}, {@code ssl-default-server-ciphers} and
     *                 {@code ssl-default-server-ciphersuites}
     * @throws IllegalArgumentException when a cipher list leaves no suite (haproxy's message)
     */
    public static ClientTls forChecks(ServerConfig server, TlsSettings.ServerDefaults defaults) {
        TlsSettings.Verify v = server.get(TlsSettings.VERIFY);
        String ciphers = or(server.get(TlsSettings.CIPHERS), defaults.ciphers());
        String suites = or(server.get(TlsSettings.CIPHERSUITES), defaults.ciphersuites());
        return new ClientTls(v != null ? v : defaults.verify(), server.get(TlsSettings.CA_FILE),
                server.get(TlsSettings.CRT), server.get(TlsSettings.VERIFYHOST), server.get(TlsSettings.CHECK_ALPN),
                server.get(TlsSettings.MIN_VERSION), server.get(TlsSettings.MAX_VERSION),
                ciphers.isEmpty() ? null : CipherList.ciphers(ciphers),
                suites.isEmpty() ? null : CipherList.suites(suites));
    }

    private static String or(String own, String dflt) {
        return !own.isEmpty() ? own : dflt;
    }

    /** The same, offering {@code protocols} with ALPN instead. */
    public ClientTls withAlpn(List<String> protocols) {
        return new ClientTls(verify, cas, crt, verifyHost, protocols, min, max, ciphers, suites);
    }

    /** The JDK suite names to enable, or {@code null} for the JDK's defaults. */
    List<String> enabledSuites() {
        if (ciphers == null && suites == null) {
            return null;
        }
        List<String> out = new java.util.ArrayList<>(suites != null ? suites : CipherList.TLS13);
        out.addAll(ciphers != null ? ciphers : CipherList.defaultCiphers());
        return out;
    }

    /** Whether the certificate is verified but there is nothing to verify it against (a configuration error). */
    public boolean missingCas() {
        return verify == TlsSettings.Verify.REQUIRED && cas == null;
    }
}
