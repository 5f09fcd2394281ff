package dev.fulcrum.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A certificate chain and its private key, read from a {@code crt} PEM file
 * (the key in the same file, or in the file of the same name suffixed
 * {@code .key}, as HAProxy looks for it).
 *
 * @param source the path as written, for messages
 * @param chain  the certificate first, then its intermediates
 * @param key    the private key of the first certificate
 */
public record KeyCertificate(String source, List<X509Certificate> chain, PrivateKey key) {

    public KeyCertificate {
        requireNonNull(source, "source");
        requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: at least one certificate)");
        }
    }
}
