package dev.fulcrum.http;

import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An empty error file (configuration.txt's {@code errorfile 408 /dev/null} idiom):
 * haproxy 2.6 accepts it and, when that error happens, closes the connection
 * without sending a byte (observed with a backend without servers and
 * {@code errorfile 503 /dev/null}: the client reads end-of-stream at once).
 */
class SilentErrorPageTest {

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    @Test
    void anEmptyErrorFileClosesWithoutAResponse() throws Exception {
        RunningEngine e = resources.add(RunningEngine.start("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  errorfile 503 /dev/null
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()))));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            c.timeout(3000);
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readToClose()).isEmpty();
        }
        assertThat(e.nextRecord().status()).isEqualTo(503);
    }
}
