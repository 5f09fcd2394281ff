package dev.fulcrum.check;

import dev.fulcrum.tls.KeyCertificate;
import dev.fulcrum.tls.PemFiles;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;

/**
 * The test certificates under {@code src/test/resources/tls} (made once with the
 * openssl CLI, valid for a century): a CA, a server certificate it signed for
 * {@code check.fulcrum.test}, {@code localhost} and {@code 127.0.0.1}, a client
 * certificate it signed, and another CA that signed nothing here.
 */
final class TestTls {

    private TestTls() {
    }

    /** The absolute path of a test certificate file, for configuration lines. */
    static String path(String name) {
        try {
            return Path.of(TestTls.class.getResource("/tls/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One handshake with a TLS probe in this JVM first, so that neither side's
     * first TLS code loading counts in a check of the test that follows (best
     * effort: a failed handshake warms up as well).
     */
    static void warmUp() throws Exception {
        try (ProbeServer p = ProbeServer.start(ProbeServer.httpReply(200, "OK", "ok"), Server.plain())) {
            handshake(p.port());
        } catch (IOException slow) {
            // the code is loaded all the same: on a loaded machine the probe may give up on a slow handshake
        }
    }

    /** A trusting client's handshake and one request to a TLS probe on {@code port}. */
    static void handshake(int port) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory()
                    .createSocket(java.net.InetAddress.getLoopbackAddress(), port)) {
                s.startHandshake();
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                s.getInputStream().readAllBytes();
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /**
     * How a probe speaks TLS.
     *
     * @param alpn             the protocols the server accepts (the first the client also offers wins); empty for no ALPN
     * @param needClientAuth   the server asks for a client certificate signed by the test CA
     */
    record Server(List<String> alpn, boolean needClientAuth) {

        static Server plain() {
            return new Server(List.of(), false);
        }

        SSLServerSocket serverSocket() throws IOException {
            try {
                KeyCertificate kc = PemFiles.keyCertificate(path("server-bundle.pem"));
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("server", kc.key(), new char[0], kc.chain().toArray(Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                cas.setCertificateEntry("ca", PemFiles.cas(path("ca.pem")).certificates().getFirst());
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(cas);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
                SSLParameters p = s.getSSLParameters();
                if (!alpn.isEmpty()) {
                    p.setApplicationProtocols(alpn.toArray(String[]::new));
                }
                p.setNeedClientAuth(needClientAuth);
                s.setSSLParameters(p);
                return s;
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
    }
}
