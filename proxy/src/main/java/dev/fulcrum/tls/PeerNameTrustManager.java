package dev.fulcrum.tls;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * {@code verify required}: the chain must lead to one of the CAs, then the
 * certificate must carry the name the connection sent as SNI or, without SNI,
 * the {@code verifyhost} name (with neither, names are not checked), as HAProxy
 * verifies servers. A name mismatch fails with {@link NameMismatch} so the
 * failure is reported in HAProxy's words.
 */
final class PeerNameTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager chain;
    private final String verifyHost;

    PeerNameTrustManager(X509ExtendedTrustManager chain, String verifyHost) {
        this.chain = chain;
        this.verifyHost = verifyHost;
    }

    /** The certificate does not carry the expected name; {@code sni} tells which name was expected. */
    static final class NameMismatch extends CertificateException {
        final boolean sni;

        NameMismatch(boolean sni, String name) {
            super("certificate does not match '" + name + "'");
            this.sni = sni;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        chain.checkServerTrusted(certs, authType, engine);
        String sni = null;
        List<SNIServerName> names = engine.getSSLParameters().getServerNames();
        if (names != null) {
            for (SNIServerName n : names) {
                if (n instanceof SNIHostName h) {
                    sni = h.getAsciiName();
                }
            }
        }
        String expected = sni != null ? sni : verifyHost;
        if (!expected.isEmpty() && !matches(certs[0], expected)) {
            throw new NameMismatch(sni != null, expected);
        }
    }

    // The JDK's other entry points: Netty hands this manager SSLEngine server
    // chains only, so anything else is refused, each kind in one place.

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(certs, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        throw new CertificateException("only SSLEngine connections are verified here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(certs, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(certs, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        throw new CertificateException("a client context does not verify clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain.getAcceptedIssuers();
    }

    /** The DNS names of the certificate (its subject's CN when it has none), any of which may match. */
    static boolean matches(X509Certificate cert, String name) throws CertificateParsingException {
        List<String> dns = new ArrayList<>();
        Collection<List<?>> alt = cert.getSubjectAlternativeNames();
        if (alt != null) {
            for (List<?> entry : alt) {
                if (entry.size() >= 2 && Integer.valueOf(2).equals(entry.get(0))) {
                    dns.add((String) entry.get(1));
                }
            }
        }
        if (dns.isEmpty()) {
            String cn = commonName(cert.getSubjectX500Principal());
            if (cn != null) {
                dns.add(cn);
            }
        }
        for (String pattern : dns) {
            if (hostMatches(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    /** A {@code *} stands for exactly one whole leftmost label. */
    static boolean hostMatches(String pattern, String name) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = n.indexOf('.');
            return dot > 0 && n.substring(dot).equals(p.substring(1));
        }
        return p.equals(n);
    }

    private static String commonName(X500Principal subject) {
        for (String rdn : subject.getName(X500Principal.RFC2253).split("(?<!\\\\),")) {
            if (rdn.regionMatches(true, 0, "CN=", 0, 3)) {
                return rdn.substring(3);
            }
        }
        return null;
    }
}
