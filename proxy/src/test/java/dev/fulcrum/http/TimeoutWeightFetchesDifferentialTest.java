package dev.fulcrum.http;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Timeout and weight fetches ({@code be_server_timeout}, {@code cur_server_timeout}
 * after {@code set-timeout}, {@code fe_client_timeout}, {@code srv_weight}...)
 * rendered by {@code http-request return} in backends, and by
 * {@code http-response return} once the server answered, through
 * haproxy 2.6 and Fulcrum: the bodies must be the same bytes, and the expected
 * values are spelled out so that both sides agreeing on nothing would not pass.
 */
class TimeoutWeightFetchesDifferentialTest {

    private static final String TIMEOUTS = "%[be_server_timeout] %[be_tunnel_timeout] %[cur_server_timeout] "
            + "%[cur_tunnel_timeout] %[fe_client_timeout]";
    private static final String WEIGHTS = "%[srv_weight(s1)] %[srv_iweight(s1)] %[srv_uweight(s1)] "
            + "%[srv_weight(be/s2)] %[srv_iweight(be/s2)] %[srv_uweight(be/s2)] %[srv_weight(be/s3)]";

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 4s
              timeout connect 1s
            frontend fe
              bind 127.0.0.1:${PORT_FE}
              use_backend resp if { path_beg /resp }
              use_backend be if { path_beg /be }
              default_backend be0
            backend be0
              http-request set-timeout server 5s if { path /set }
              http-request set-timeout tunnel 9s if { path /set }
              http-request return status 200 content-type text/plain lf-string "T"
            backend resp
              http-request set-timeout server 5s if { path /resp/set }
              http-response return status 200 content-type text/plain lf-string "T"
              server origin 127.0.0.1:${PORT_ORIGIN}
            listen origin
              bind 127.0.0.1:${PORT_ORIGIN}
              http-request return status 200
            backend be
              timeout server 6s
              timeout tunnel 8s
              http-request set-timeout server 2500ms if { path /be/set }
              http-request return status 200 content-type text/plain lf-string "T W"
              server s1 127.0.0.1:1 weight 7
              server s2 127.0.0.1:2 weight 20 disabled
              server s3 127.0.0.1:3 weight 0
            """.replace("\"T W\"", "\"" + TIMEOUTS + " " + WEIGHTS + "\"").replace("\"T\"", "\"" + TIMEOUTS + "\"");

    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        both = SideBySide.of(CONFIG).ports("PORT_FE", "PORT_ORIGIN").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "/fe => 4000 0 0 0 3000",
            "/set => 4000 0 5000 9000 3000",
            "/resp => 4000 0 4000 0 3000",
            "/resp/set => 4000 0 5000 0 3000",
            "/be => 6000 8000 0 0 3000 7 7 7 20 20 20 0",
            "/be/set => 6000 8000 2500 0 3000 7 7 7 20 20 20 0",
    })
    void sameValuesAsHaproxy(String path, String values) throws Exception {
        String expected = get(both.haproxyPort("PORT_FE"), path);
        String actual = get(both.fulcrumPort("PORT_FE"), path);
        assertThat(actual).as(path).isEqualTo(expected).isEqualTo(values);
    }

    private static String get(int port, String path) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            String response = c.send("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").readResponse();
            assertThat(response).as(path).startsWith("HTTP/1.1 200");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
