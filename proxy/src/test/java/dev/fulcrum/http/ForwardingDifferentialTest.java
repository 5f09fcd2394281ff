package dev.fulcrum.http;

import dev.fulcrum.testing.EchoServer;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code option forwardfor}/{@code originalto} set on a frontend, a backend or
 * both, with {@code except}, {@code if-none}, custom header names and
 * {@code set-src}, and the connection modes of a backend, through haproxy 2.6
 * and Fulcrum: the echo server shows the request each one forwarded, and the
 * client sees whether its connection stays open.
 */
class ForwardingDifferentialTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend fe
              bind 127.0.0.1:${PORT_FE}
              option forwardfor except 10.0.0.0/8 header X-Client
              option originalto header X-Orig
              use_backend b2 if { path_beg /b2 }
              use_backend b3 if { path_beg /b3 }
              use_backend b4 if { path_beg /b4 }
              default_backend be
            backend be
              server s1 ${ECHO}
            backend b2
              option forwardfor if-none
              option http-server-close
              server s1 ${ECHO}
            backend b3
              option httpclose
              option forwardfor header X-Real-IP
              server s1 ${ECHO}
            backend b4
              option forwardfor except 127.0.0.1
              http-request set-src hdr(x-fake)
              server s1 ${ECHO}
            """;

    private static EchoServer echo;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        echo = EchoServer.start();
        both = SideBySide.of(CONFIG).ports("PORT_FE").vars(Map.of("ECHO", echo.address())).start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {both, echo}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "frontend's header => GET /a HTTP/1.1|Host: h|Connection: close||",
            "headers already there => GET /a HTTP/1.1|Host: h|X-Client: 1.2.3.4|X-Forwarded-For: 5.6.7.8|Connection: close||",
            "if-none on the backend only => GET /b2 HTTP/1.1|Host: h|X-Forwarded-For: 5.6.7.8||",
            "backend httpclose keeps the client => GET /b3 HTTP/1.1|Host: h||",
            "frontend's except spares a set-src address => GET /b4 HTTP/1.1|Host: h|X-Fake: 10.1.1.1|Connection: close||",
            "neither except holds it => GET /b4 HTTP/1.1|Host: h|X-Fake: 192.0.2.1|Connection: close||",
            "an IPv6 set-src address => GET /b4 HTTP/1.1|Host: h|X-Fake: 2001:db8::1|Connection: close||",
            "HTTP/1.0 keep-alive => GET /b2 HTTP/1.0|Connection: keep-alive||",
            "three on one connection => GET /a HTTP/1.1|Host: h||GET /b2 HTTP/1.1|Host: h||GET /b3 HTTP/1.1|Host: h||",
    })
    void sameForwardedRequestsAsHaproxy(String name, String request) throws Exception {
        String bytes = request.replace("|", "\r\n");
        String expected = exchange(both.haproxyPort("PORT_FE"), bytes);
        String actual = exchange(both.fulcrumPort("PORT_FE"), bytes);
        assertThat(actual).as(name).isEqualTo(expected);
        assertThat(actual).as(name).startsWith("HTTP/1.1 200");
    }

    private static String exchange(int port, String bytes) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            return c.send(bytes).readAvailable(3000, 500).replaceAll("(?im)^date: .*\r\n", "");
        }
    }
}
