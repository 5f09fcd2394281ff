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
 * Clients that half-close (shut their sending side down, then read) after what
 * they send, through haproxy 2.6 and Fulcrum: requests received in full are
 * still served with their responses unchanged, and the connection closes after
 * them; an unfinished head (or none) gets the 400. Same bytes back, same
 * termination state and status in the log. (Pipelined requests before the FIN
 * are not compared: haproxy serves the second one or not depending on whether
 * it read the FIN with the data; Fulcrum serves every request it received.)
 */
class HalfCloseDifferentialTest {

    private static final String CONFIG = """
            global
              log 127.0.0.1:${SYSLOG} local0
            defaults
              mode http
              log global
              option httplog
              timeout client 5s
              timeout server 5s
              timeout connect 1s
            frontend fe
              bind 127.0.0.1:${PORT_FE}
              use_backend none if { path /none }
              default_backend be
            backend be
              server s1 ${ECHO}
            backend none
            """;

    private static EchoServer echo;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        echo = EchoServer.start();
        both = SideBySide.of(CONFIG).ports("PORT_FE").syslog("SYSLOG").vars(Map.of("ECHO", echo.address())).start();
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
            "keep-alive request => GET /a HTTP/1.1|Host: h||",
            "close request => GET /a HTTP/1.1|Host: h|Connection: close||",
            "HTTP/1.0 request => GET /a HTTP/1.0||",
            "request with its whole body => POST /a HTTP/1.1|Host: h|Content-Length: 3||abc",
            "no server to serve it => GET /none HTTP/1.1|Host: h||",
            "unfinished head => GET /a HTTP/1.1|Host: h|",
            "nothing at all => ",
    })
    void sameAnswerAndLogAsHaproxy(String name, String request) throws Exception {
        String bytes = request == null ? "" : request.replace("|", "\r\n");
        both.haproxyLog().drain();
        both.fulcrumLog().drain();
        String expected = halfClosed(both.haproxyPort("PORT_FE"), bytes);
        String actual = halfClosed(both.fulcrumPort("PORT_FE"), bytes);
        assertThat(actual).as(name).isEqualTo(expected);
        assertThat(actual).as("an answer, then the close").endsWith("[closed]").doesNotStartWith("[closed]");
        String expectedLog = both.haproxyLog().poll(5000);
        String actualLog = both.fulcrumLog().poll(5000);
        assertThat(statusAndState(actualLog)).as(name + ": " + actualLog).isEqualTo(statusAndState(expectedLog));
    }

    private static String halfClosed(int port, String bytes) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            c.send(bytes).shutdownOutput();
            return c.readAvailable(5000, 3000).replaceAll("(?im)^date: .*\r\n", "");
        }
    }

    /** The status code and the termination state of an httplog line. */
    private static String statusAndState(String line) {
        assertThat(line).isNotNull();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" (-?\\d+) (\\d+) \\S+ \\S+ (\\S{4}) ")
                .matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return m.group(1) + " " + m.group(3);
    }
}
