package dev.fulcrum.stick;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Stick-table persistence through haproxy 2.6 and Fulcrum: the same requests must
 * reach the same servers (each test backend answers its name). Covers
 * {@code stick on}, {@code store-request}, {@code store-response} with
 * {@code match}, a table shared by backends (server ids), servers in maintenance
 * with and without {@code option persist} or {@code force-persist}, and
 * {@code non-stick} servers.
 */
class PersistenceDifferentialTest {

    private static final List<String> FRONTENDS = List.of("fe_on", "fe_store", "fe_shared", "fe_persist",
            "fe_force", "fe_resp", "fe_nonstick");

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend fe_on
              bind 127.0.0.1:${PORT_FE_ON}
              default_backend be_on
            backend be_on
              stick-table type string len 32 size 100 expire 60s
              stick on req.hdr(x-user)
              server a ${A}
              server b ${B}
              server c ${C}
            frontend fe_store
              bind 127.0.0.1:${PORT_FE_STORE}
              default_backend be_store
            backend be_store
              stick-table type string size 100
              stick store-request req.hdr(x-user) if { req.hdr(x-user) -m beg p }
              server a ${A}
              server b ${B}
            frontend fe_shared
              bind 127.0.0.1:${PORT_FE_SHARED}
              default_backend be_shared
            backend be_shared
              stick match req.hdr(x-user) table be_store
              server a ${A}
              server b ${B} disabled
            frontend fe_persist
              bind 127.0.0.1:${PORT_FE_PERSIST}
              default_backend be_persist
            backend be_persist
              option persist
              stick match req.hdr(x-user) table be_store
              server a ${A}
              server b ${B} disabled
            frontend fe_force
              bind 127.0.0.1:${PORT_FE_FORCE}
              default_backend be_force
            backend be_force
              force-persist if { req.hdr(x-force) -m found }
              stick match req.hdr(x-user) table be_store
              server a ${A}
              server b ${B} disabled
            frontend fe_resp
              bind 127.0.0.1:${PORT_FE_RESP}
              default_backend be_resp
            backend be_resp
              stick-table type string size 100
              stick match req.hdr(x-want)
              stick store-response res.hdr(x-server)
              server a ${A}
              server b ${B}
              server c ${C}
            frontend fe_nonstick
              bind 127.0.0.1:${PORT_FE_NONSTICK}
              default_backend be_nonstick
            backend be_nonstick
              stick-table type string size 100
              stick on req.hdr(x-user)
              default-server non-stick
              server a ${A} stick
              server b ${B}
            """;

    private static final List<TestBackend> SERVERS = new ArrayList<>();
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        for (String n : List.of("a", "b", "c")) {
            SERVERS.add(TestBackend.start(n));
        }
        both = SideBySide.start(CONFIG, FRONTENDS.stream().map(PersistenceDifferentialTest::portVar).toList(),
                Map.of("A", SERVERS.get(0).address(), "B", SERVERS.get(1).address(), "C", SERVERS.get(2).address()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        SERVERS.forEach(TestBackend::close);
    }

    private static String portVar(String frontend) {
        return "PORT_" + frontend.toUpperCase(Locale.ROOT);
    }

    @Test
    void stickOnKeepsEachUserOnItsFirstServer() throws Exception {
        sameServers("fe_on", List.of("X-User: u1", "X-User: u2", "X-User: u3", "X-User: u1", "X-User: u2",
                "X-User: u3", "X-User: u1", "", "X-User: u4", "X-User: u2"));
    }

    @Test
    void sharedTablesNameServersByIdAndRespectMaintenance() throws Exception {
        sameServers("fe_store", List.of("X-User: p1", "X-User: p2", "X-User: q9", "X-User: p1", "X-User: p2"));
        // p2 is stored with server id 2, which is in maintenance in the other backends
        sameServers("fe_shared", List.of("X-User: p1", "X-User: p2", "X-User: p2"));
        sameServers("fe_persist", List.of("X-User: p1", "X-User: p2"));
        sameServers("fe_force", List.of("X-User: p2", "X-User: p2\r\nX-Force: 1", "X-User: p1\r\nX-Force: 1"));
    }

    @Test
    void storeResponseLearnsTheServerThatAnswered() throws Exception {
        sameServers("fe_resp", List.of("", "", "", "X-Want: b", "X-Want: a", "X-Want: c", "X-Want: zz", "X-Want: b"));
    }

    @Test
    void nonStickServersAreNotStored() throws Exception {
        sameServers("fe_nonstick", List.of("X-User: n1", "X-User: n2", "X-User: n1", "X-User: n2", "X-User: n2"));
    }

    /** Sends each request (with its extra header lines) to both, in order: the same servers must answer. */
    private static void sameServers(String fe, List<String> headers) throws Exception {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String h : headers) {
            expected.add(exchange(both.haproxyPort(portVar(fe)), h));
            actual.add(exchange(both.fulcrumPort(portVar(fe)), h));
        }
        assertThat(actual).as(fe + " " + headers).isEqualTo(expected);
    }

    private static String exchange(int port, String headers) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            c.send(("GET / HTTP/1.1\r\nHost: t\r\n" + (headers.isEmpty() ? "" : headers + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String r = c.readToClose();
            int body = r.indexOf("\r\n\r\n");
            return r.substring(0, r.indexOf("\r\n")) + " " + (body < 0 ? "" : r.substring(body + 4));
        } catch (java.io.IOException e) {
            return "[" + e.getMessage() + "]";
        }
    }
}
