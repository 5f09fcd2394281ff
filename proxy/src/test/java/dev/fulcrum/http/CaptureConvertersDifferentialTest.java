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
 * The {@code capture-req}/{@code capture-res} converters with {@code declare capture}
 * slots, through haproxy 2.6 and Fulcrum: the converter passes its input on
 * unchanged, the slot keeps it cut to its length (read back with
 * {@code capture.req.hdr}/{@code capture.res.hdr}), and a slot that does not
 * exist makes the converter fail. Same bytes from both, and spelled out.
 */
class CaptureConvertersDifferentialTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend fe
              bind 127.0.0.1:${PORT_FE}
              declare capture request len 4
              declare capture response len 3
              http-request set-var(txn.x) req.hdr(x-v),capture-req(0)
              http-request return status 200 content-type text/plain lf-string "%[var(txn.x)] %[capture.req.hdr(0)] [%[str(zz),capture-req(1)]]" if { path /req }
              default_backend be
            backend be
              http-response set-var(txn.y) res.hdr(x-r),capture-res(0)
              http-response return status 200 content-type text/plain lf-string "%[var(txn.y)] %[capture.res.hdr(0)] [%[str(zz),capture-res(3)]]"
              server origin 127.0.0.1:${PORT_ORIGIN}
            listen origin
              bind 127.0.0.1:${PORT_ORIGIN}
              http-request return status 200 hdr x-r abcdef
            """;

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
            "/req => 123456789 1234 []",
            "/res => abcdef abc []",
    })
    void sameValuesAsHaproxy(String path, String values) throws Exception {
        String expected = get(both.haproxyPort("PORT_FE"), path);
        String actual = get(both.fulcrumPort("PORT_FE"), path);
        assertThat(actual).as(path).isEqualTo(expected).isEqualTo(values);
    }

    private static String get(int port, String path) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            String response = c.send("GET " + path + " HTTP/1.1\r\nHost: h\r\nx-v: 123456789\r\n\r\n").readResponse();
            assertThat(response).as(path).startsWith("HTTP/1.1 200");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
