package dev.fulcrum.tls;

import java.security.cert.X509Certificate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The CAs of a {@code ca-file}: the certificates read from the file (or from
 * every {@code .pem}, {@code .crt}, {@code .cer} file of a directory), or the
 * system's own trust store for {@code @system-ca}.
 *
 * @param source       the path as written, for messages
 * @param certificates the CAs; empty when {@code system} is set
 * @param system       use the JDK's default trust store
 */
public record TrustedCas(String source, List<X509Certificate> certificates, boolean system) {

    public TrustedCas {
        requireNonNull(source, "source");
        certificates = List.copyOf(certificates);
    }
}
