package dev.fulcrum.tcp;

import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TcpTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TCP keep-alive ({@code option clitcpka/srvtcpka/tcpka}, {@code *tcpka-cnt|idle|intvl})
 * and {@code option nolinger}, through the real haproxy 2.6 and through Fulcrum:
 * the kernel's socket table shows the keep-alive timer each proxy armed on its
 * sockets, and whether a close left a FIN_WAIT2/CLOSE_WAIT pair or reset both.
 */
class TcpOptionsDifferentialTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 30s
              timeout http-request 30s
              timeout server 30s
              timeout connect 2s
            frontend ka
              bind 127.0.0.1:${PORT_KA}
              option clitcpka
              clitcpka-idle 100
              clitcpka-cnt 4
              default_backend ka_servers
            frontend probing
              bind 127.0.0.1:${PORT_PROBING}
              option tcpka
              clitcpka-idle 1
              clitcpka-intvl 40s
              default_backend plain_servers
            frontend plain
              bind 127.0.0.1:${PORT_PLAIN}
              default_backend plain_servers
            frontend nolinger
              bind 127.0.0.1:${PORT_NOLINGER}
              option nolinger
              default_backend nolinger_servers
            backend ka_servers
              option srvtcpka
              srvtcpka-idle 2m
              srvtcpka-intvl 30
              server s ${BACKEND}
            backend plain_servers
              option tcpka
              server s ${BACKEND}
            backend nolinger_servers
              option nolinger
              option http-server-close
              server s ${BACKEND}
            """;

    private static final String REQUEST = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String REQUEST_CLOSE = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    private static HoldingBackend backend;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux socket table");
        backend = new HoldingBackend();
        both = SideBySide.start(CONFIG, List.of("PORT_KA", "PORT_PROBING", "PORT_PLAIN", "PORT_NOLINGER"),
                Map.of("BACKEND", backend.address()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void clientKeepAliveArmsTheConfiguredIdleTime() throws Exception {
        assertBoth("PORT_KA", TcpOptionsDifferentialTest::clientTimer, "keepalive 100s");
    }

    @Test
    void withoutKeepAliveNoTimerRuns() throws Exception {
        assertBoth("PORT_PLAIN", TcpOptionsDifferentialTest::clientTimer, "timer 0");
    }

    /** After the 1 s idle time the first probe goes out and the timer restarts with the 40 s interval. */
    @Test
    void probesFollowTheConfiguredInterval() throws Exception {
        assertBoth("PORT_PROBING", TcpOptionsDifferentialTest::probeInterval, "keepalive 40s");
    }

    @Test
    void serverKeepAliveArmsTheConfiguredIdleTime() throws Exception {
        assertBoth("PORT_KA", TcpOptionsDifferentialTest::serverTimer, "keepalive 120s");
    }

    @Test
    void nolingerResetsTheClientOnClose() throws Exception {
        assertBoth("PORT_NOLINGER", TcpOptionsDifferentialTest::clientClose, "reset");
    }

    @Test
    void withoutNolingerTheClientGetsAFin() throws Exception {
        assertBoth("PORT_PLAIN", TcpOptionsDifferentialTest::clientClose, "fin");
    }

    /** With http-server-close the proxy closes the server connection after the response. */
    @Test
    void nolingerResetsTheServerOnClose() throws Exception {
        assertBoth("PORT_NOLINGER", TcpOptionsDifferentialTest::serverClose, "reset");
    }

    /** Fulcrum observes {@code expected} through its port for {@code portVar}, and haproxy the same. */
    private static void assertBoth(String portVar, SideBySide.Probe<String> probe, String expected) throws Exception {
        SideBySide.Both<String> r = both.each(portVar, probe);
        assertThat(r.fulcrum()).isEqualTo(expected).isEqualTo(r.haproxy());
    }

    /** The keep-alive timer of the proxy's socket for an idle client after one exchange. */
    private static String clientTimer(int port) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.send(REQUEST).readResponse();
            return settledTimer(port, c.localPort());
        }
    }

    private static String probeInterval(int port) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.send(REQUEST).readResponse();
            AtomicReference<TcpTable.Socket> s = new AtomicReference<>();
            // the first probe is due after 1 s; then the timer counts the interval
            Await.until(() -> {
                s.set(TcpTable.find(port, c.localPort()).orElse(null));
                return s.get() != null && s.get().timer() == 2 && s.get().ticks() > 1000;
            });
            return s.get().keepAlive();
        }
    }

    /** The keep-alive timer of the proxy's idle connection to the server, while its client stays. */
    private static String serverTimer(int port) throws Exception {
        backend.forgetPeers();
        try (RawHttp c = new RawHttp(port)) {
            c.send(REQUEST).readResponse();
            int proxySide = backend.nextPeerPort();
            return settledTimer(proxySide, backend.port());
        }
    }

    /** Waits out a retransmission timer (data not yet acknowledged) to read the idle one. */
    private static String settledTimer(int localPort, int remotePort) throws InterruptedException {
        AtomicReference<TcpTable.Socket> s = new AtomicReference<>();
        Await.until(() -> {
            s.set(TcpTable.find(localPort, remotePort).orElse(null));
            return s.get() != null && s.get().timer() != 1;
        });
        return s.get().keepAlive();
    }

    /** How the proxy ended a client connection it closes after the response: "fin" or "reset". */
    private static String clientClose(int port) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.send(REQUEST_CLOSE).readToClose();
            return howClosed(c.localPort(), port);
        }
    }

    private static String serverClose(int port) throws Exception {
        backend.forgetPeers();
        try (RawHttp c = new RawHttp(port)) {
            c.send(REQUEST).readResponse();
            return howClosed(backend.port(), backend.nextPeerPort());
        }
    }

    /**
     * The fate of the peer's socket {@code peerPort -> proxyPort}: gone (a reset),
     * or in CLOSE_WAIT facing the proxy's FIN_WAIT2 (a FIN).
     */
    private static String howClosed(int peerPort, int proxyPort) throws InterruptedException {
        Await.until(() -> {
            Optional<TcpTable.Socket> peer = TcpTable.find(peerPort, proxyPort);
            Optional<TcpTable.Socket> proxy = TcpTable.find(proxyPort, peerPort);
            return peer.isEmpty() || peer.get().state().equals(TcpTable.CLOSE_WAIT)
                    && proxy.isPresent() && proxy.get().state().equals(TcpTable.FIN_WAIT2);
        });
        return TcpTable.find(peerPort, proxyPort).isEmpty() ? "reset" : "fin";
    }
}
