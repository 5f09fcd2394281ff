package dev.fulcrum.tls;

/**
 * Words a failed TLS handshake as HAProxy reports a connection's error: a
 * certificate without the expected name, or else a plain handshake failure
 * (wrong CA, a peer that does not speak TLS, a peer that closed).
 */
public final class HandshakeErrors {

    private HandshakeErrors() {
    }

    /** HAProxy's description of why the handshake failed. */
    public static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PeerNameTrustManager.NameMismatch m) {
                return m.sni ? "Server presented an SSL certificate different from the expected one"
                        : "Server presented an SSL certificate different from the configured one";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return "SSL handshake failure";
    }
}
