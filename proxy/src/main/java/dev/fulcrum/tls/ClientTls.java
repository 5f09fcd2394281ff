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
 */
public record ClientTls(TlsSettings.Verify verify, TrustedCas cas, KeyCertificate crt, String verifyHost,
                        List<String> alpn, TlsVersion min, TlsVersion max) {

    public ClientTls {
        requireNonNull(verify, "verify");
        requireNonNull(verifyHost, "verifyHost");
        alpn = List.copyOf(alpn);
    }

    /**
     * The TLS of a server's health checks: the server's TLS options with
     * {@code check-alpn} as the protocols offered.
     *
     * @param defaultVerify the global {@code ssl-server-verify}
     */
    public static ClientTls forChecks(ServerConfig server, TlsSettings.Verify defaultVerify) {
        TlsSettings.Verify v = server.get(TlsSettings.VERIFY);
        return new ClientTls(v != null ? v : defaultVerify, server.get(TlsSettings.CA_FILE),
                server.get(TlsSettings.CRT), server.get(TlsSettings.VERIFYHOST), server.get(TlsSettings.CHECK_ALPN),
                server.get(TlsSettings.MIN_VERSION), server.get(TlsSettings.MAX_VERSION));
    }

    /** The same, offering {@code protocols} with ALPN instead. */
    public ClientTls withAlpn(List<String> protocols) {
        return new ClientTls(verify, cas, crt, verifyHost, protocols, min, max);
    }

    /** Whether the certificate is verified but there is nothing to verify it against (a configuration error). */
    public boolean missingCas() {
        return verify == TlsSettings.Verify.REQUIRED && cas == null;
    }
}
