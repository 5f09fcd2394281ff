package dev.fulcrum.http;

import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code option http-ignore-probes} and {@code option http-pretend-keepalive}
 * through the real haproxy 2.6 and through Fulcrum: what a silent client gets,
 * whether it is logged, and which {@code Connection} header the server sees.
 */
class HttpOptionsDifferentialTest {

    private static final String CONFIG = """
            global
              log stdout format raw local0
            defaults
              mode http
              log global
              option httplog
              timeout client 5s
              timeout http-request 300ms
              timeout server 5s
              timeout connect 2s
            frontend probes
              bind 127.0.0.1:${PORT_PROBES}
              option http-ignore-probes
              default_backend be
            frontend plain
              bind 127.0.0.1:${PORT_PLAIN}
              default_backend be
            frontend server_close
              bind 127.0.0.1:${PORT_SCL}
              option http-server-close
              use_backend pretend if { path_beg /pretend }
              default_backend be
            frontend close
              bind 127.0.0.1:${PORT_CLO}
              option httpclose
              use_backend pretend if { path_beg /pretend }
              default_backend be
            backend be
              server s ${BACKEND}
            backend pretend
              option http-pretend-keepalive
              server s ${BACKEND}
            """;

    private static TestBackend backend;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        backend = TestBackend.start("s");
        both = SideBySide.start(CONFIG, List.of("PORT_PROBES", "PORT_PLAIN", "PORT_SCL", "PORT_CLO"),
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

    /** A client that never speaks: a 408 when the request timeout strikes, or nothing under the option. */
    @ParameterizedTest
    @ValueSource(strings = {"PORT_PROBES", "PORT_PLAIN"})
    void silentClientAtTheRequestTimeout(String port) throws Exception {
        String fulcrum = silent(both.fulcrumPort(port));
        assertThat(fulcrum).isEqualTo(silent(both.haproxyPort(port)));
        assertThat(fulcrum.isEmpty()).isEqualTo(port.equals("PORT_PROBES"));
    }

    /** A client that connects and closes at once is logged (CR--), except under the option. */
    @ParameterizedTest
    @CsvSource({"PORT_PROBES, probes", "PORT_PLAIN, plain"})
    void emptyConnectionIsLoggedUnlessIgnored(String port, String frontend) throws Exception {
        both.fulcrum().drainRecords();
        new RawHttp(both.fulcrumPort(port)).close();
        new RawHttp(both.haproxyPort(port)).close();
        // a request after it: once its log line is there, the empty connection's would be too
        for (int p : new int[] {both.fulcrumPort(port), both.haproxyPort(port)}) {
            try (RawHttp c = new RawHttp(p)) {
                c.send("GET /marker HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            }
        }
        Await.until(() -> both.haproxy().lines().stream().anyMatch(l -> l.contains(" " + frontend + " ")
                && l.contains("/marker")));
        List<StreamRecord> records = both.fulcrum().drainRecords();
        boolean fulcrumLogged = records.stream().anyMatch(r -> "<BADREQ>".equals(r.requestLine()));
        boolean haproxyLogged = both.haproxy().lines().stream().anyMatch(l -> l.contains(" " + frontend + " ")
                && l.contains("<BADREQ>"));
        assertThat(fulcrumLogged).isEqualTo(haproxyLogged).isEqualTo(frontend.equals("plain"));
        assertThat(records).anyMatch(r -> r.requestLine() != null && r.requestLine().contains("/marker"));
    }

    /** The Connection header the server gets in close modes, with and without pretend-keepalive. */
    @ParameterizedTest
    @CsvSource({"PORT_SCL, /plain, HTTP/1.1", "PORT_SCL, /pretend, HTTP/1.1", "PORT_CLO, /plain, HTTP/1.1",
            "PORT_CLO, /pretend, HTTP/1.1", "PORT_SCL, /plain, HTTP/1.0", "PORT_SCL, /pretend, HTTP/1.0"})
    void connectionHeaderToTheServer(String port, String path, String version) throws Exception {
        List<String> fulcrum = serverSees(both.fulcrumPort(port), path, version);
        assertThat(fulcrum).isEqualTo(serverSees(both.haproxyPort(port), path, version));
        if (version.equals("HTTP/1.1")) {
            assertThat(fulcrum).isEqualTo(path.equals("/pretend") ? List.of() : List.of("close"));
        }
    }

    private static String silent(int port) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            return c.readToClose();
        }
    }

    private static List<String> serverSees(int port, String path, String version) throws Exception {
        int before = backend.seen().size();
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET " + path + " " + version + "\r\nHost: x\r\n\r\n").readResponse();
        }
        Await.until(() -> backend.seen().size() > before);
        return backend.seen().getLast().headers().getAll("connection");
    }
}
