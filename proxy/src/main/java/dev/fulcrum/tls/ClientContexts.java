package dev.fulcrum.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client {@link SslContext}s, one per distinct {@link ClientTls}, built when
 * the configuration is checked and shared by every connection (and every
 * reload) that asks for the same settings. Building reads no file (the PEM
 * files were read at parse time), so it never waits on a disk.
 *
 * <p>The JDK's TLS is used: it needs no native library, and speaks TLS 1.2/1.3
 * with ALPN and SNI, which is what checks need.
 */
public final class ClientContexts {

    /** Distinct settings are few (one per server at most); past this bound the cache starts over. */
    private static final int MAX_CACHED = 1024;
    private static final Map<ClientTls, SslContext> CACHE = new ConcurrentHashMap<>();
    /**
     * Where the handshake's heavy steps run (certificate-chain checks, key agreement, signatures: the
     * engine's delegated tasks): off the event loops, which would otherwise stall for them, and for
     * much longer while the JVM loads its TLS code on first use.
     */
    private static final java.util.concurrent.Executor HANDSHAKE_WORK =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tls-handshake-", 0)
                    .factory());

    private ClientContexts() {
    }

    /**
     * The shared context for {@code tls}, built on first use.
     *
     * @throws IllegalArgumentException when the settings cannot make a context (e.g. a key that does
     *                                  not belong to its certificate)
     */
    public static SslContext context(ClientTls tls) {
        SslContext c = CACHE.get(tls);
        if (c != null) {
            return c;
        }
        if (CACHE.size() >= MAX_CACHED) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(tls, ClientContexts::build);
    }

    /**
     * A handler for one connection, sending {@code sni} (none when empty). The
     * handshake timeout is left to the caller, who owns the connection's timers;
     * the handshake's heavy steps run off the event loop.
     */
    public static SslHandler handler(SslContext context, ByteBufAllocator alloc, String sni) {
        SslHandler h = context.newHandler(alloc, HANDSHAKE_WORK);
        h.setHandshakeTimeoutMillis(0);
        if (!sni.isEmpty()) {
            SSLEngine engine = h.engine();
            SSLParameters p = engine.getSSLParameters();
            try {
                p.setServerNames(List.of(new SNIHostName(sni)));
                engine.setSSLParameters(p);
            } catch (IllegalArgumentException e) {
                // not a host name TLS can carry (an IP address, a trailing dot...): sent without SNI
            }
        }
        return h;
    }

    /**
     * Runs the client side of a handshake as far as it goes without a peer (the
     * ClientHello with its key shares) and a certificate-chain check, on the
     * calling thread: the JDK loads and initializes most of its TLS code on first
     * use, which would otherwise count against the first checks' timeouts on an
     * event loop.
     */
    public static void warm(ClientTls tls) {
        SslContext context = context(tls);
        try {
            SSLEngine engine = context.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
            engine.beginHandshake();
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(java.nio.ByteBuffer.allocate(0), out);
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            engine.closeOutbound();
            if (tls.cas() != null && !tls.cas().certificates().isEmpty()) {
                X509Certificate ca = tls.cas().certificates().getFirst();
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                store.setCertificateEntry("ca", ca);
                f.init(store);
                for (TrustManager t : f.getTrustManagers()) {
                    if (t instanceof X509ExtendedTrustManager x) {
                        x.checkServerTrusted(new X509Certificate[] {ca}, "ECDHE_ECDSA", engine);
                    }
                }
            }
        } catch (Exception e) {
            // a warm-up only: whatever fails here fails again, and is reported, in a real check
        }
    }

    private static SslContext build(ClientTls tls) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    // names are checked by PeerNameTrustManager, HAProxy's way, not by the JDK's HTTPS rules
                    .endpointIdentificationAlgorithm(null)
                    .trustManager(trustManager(tls));
            if (tls.crt() != null) {
                b.keyManager(tls.crt().key(), tls.crt().chain().toArray(X509Certificate[]::new));
            }
            if (!tls.alpn().isEmpty()) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, tls.alpn()));
            }
            List<String> suites = tls.enabledSuites();
            if (suites != null) {
                b.ciphers(suites);
            }
            String[] protocols = protocols(tls);
            if (protocols != null) {
                b.protocols(protocols);
            }
            return b.build();
        } catch (GeneralSecurityException | javax.net.ssl.SSLException | RuntimeException e) {
            throw new IllegalArgumentException("unable to set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager trustManager(ClientTls tls) throws GeneralSecurityException {
        if (tls.verify() == TlsSettings.Verify.NONE) {
            return InsecureTrustManagerFactory.INSTANCE.getTrustManagers()[0];
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls.cas() == null || tls.cas().system()) {
            f.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (X509Certificate c : tls.cas().certificates()) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            f.init(store);
        }
        for (TrustManager t : f.getTrustManagers()) {
            if (t instanceof X509ExtendedTrustManager x) {
                return new PeerNameTrustManager(x, tls.verifyHost());
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** The JDK protocol names between {@code ssl-min-ver} and {@code ssl-max-ver}, or {@code null} for the defaults. */
    private static String[] protocols(ClientTls tls) {
        if (tls.min() == null && tls.max() == null) {
            return null;
        }
        TlsVersion lo = tls.min() != null ? tls.min() : TlsVersion.TLSV1_2;
        TlsVersion hi = tls.max() != null ? tls.max() : TlsVersion.TLSV1_3;
        List<String> out = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            if (v.compareTo(lo) >= 0 && v.compareTo(hi) <= 0) {
                out.add(v.jdkName());
            }
        }
        return out.toArray(String[]::new);
    }
}
