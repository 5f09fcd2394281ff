package dev.fulcrum.http;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Connection detail fetches ({@code fc_src}, {@code fc_dst_port}, {@code *_is_local},
 * {@code fc_http_major}, {@code fc_rtt}...) rendered by {@code http-request return}
 * through haproxy 2.6 and Fulcrum. What is the same on both sides (addresses,
 * booleans, versions, set-src's effect) is compared byte for byte; ports and
 * kernel timings differ by nature, so they are checked against the connection
 * the client made and then replaced by placeholders before comparing.
 */
class ConnectionFetchesDifferentialTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend fe
              bind 127.0.0.1:${PORT_FE}
              http-request set-src str(10.1.2.3) if { path /setsrc }
              http-request return status 200 content-type text/plain lf-string "%[fc_src] %[fc_dst] %[src_is_local] %[dst_is_local] %[fc_src_is_local] %[fc_dst_is_local] %[fc_http_major]" if { path /addr }
              http-request return status 200 content-type text/plain lf-string "%[src] %[fc_src] %[src_is_local] %[fc_src_is_local] %[src,ipmask(8)] %[fc_src,ipmask(8)]" if { path /setsrc }
              http-request return status 200 content-type text/plain lf-string "%[fc_src_port] %[src_port] %[fc_dst_port] %[dst_port]" if { path /ports }
              http-request return status 200 content-type text/plain lf-string "%[fc_rtt] %[fc_rtt(ms)] %[fc_rtt(us)] %[fc_rttvar] %[fc_rttvar(us)]" if { path /rtt }
              http-request return status 200 content-type text/plain lf-string "%[fc_rtt(us),add(1),bool] %[fc_rttvar(us),sub(-1),bool]" if { path /rttbool }
            """;

    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        both = SideBySide.of(CONFIG).ports("PORT_FE").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/addr", "/setsrc", "/rttbool"})
    void sameBodyAsHaproxy(String path) throws Exception {
        String expected = get(both.haproxyPort("PORT_FE"), path).body;
        String actual = get(both.fulcrumPort("PORT_FE"), path).body;
        assertThat(actual).as(path).isEqualTo(expected);
    }

    @Test
    void addressesAreTheConnectionsOwn() throws Exception {
        assertThat(get(both.fulcrumPort("PORT_FE"), "/addr").body)
                .isEqualTo("127.0.0.1 127.0.0.1 1 1 1 1 1");
        assertThat(get(both.fulcrumPort("PORT_FE"), "/setsrc").body)
                .as("set-src changes src, not the connection's fc_src")
                .isEqualTo("10.1.2.3 127.0.0.1 0 1 10.0.0.0 127.0.0.0");
    }

    @Test
    void portsAreTheClientsAndTheListenersOnBothProxies() throws Exception {
        for (int port : new int[] {both.haproxyPort("PORT_FE"), both.fulcrumPort("PORT_FE")}) {
            Reply r = get(port, "/ports");
            assertThat(r.body).as("port " + port).isEqualTo(r.clientPort + " " + r.clientPort + " " + port + " " + port);
        }
    }

    @Test
    void rttIsAKernelMeasureInEitherUnit() throws Exception {
        for (int port : new int[] {both.haproxyPort("PORT_FE"), both.fulcrumPort("PORT_FE")}) {
            String body = get(port, "/rtt").body;
            assertThat(body).as("port " + port).matches("\\d+ \\d+ \\d+ \\d+ \\d+");
            String[] f = body.split(" ");
            // one kernel value read twice may move by a few microseconds, never by a millisecond's scale
            assertThat(Long.parseLong(f[0])).isLessThanOrEqualTo(Long.parseLong(f[2]) / 1000 + 1);
        }
    }

    private record Reply(String body, int clientPort) {
    }

    private static Reply get(int port, String path) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            String response = c.send("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").readResponse();
            assertThat(response).as(path).startsWith("HTTP/1.1 200");
            return new Reply(response.substring(response.indexOf("\r\n\r\n") + 4), c.localPort());
        }
    }
}
