package dev.fulcrum.http;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.SyslogReceiver;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code option abortonclose} through haproxy 2.6 and Fulcrum: a request waits
 * in the queue of a busy server ({@code maxconn 1}) and its client closes, fully
 * or only its sending side. With the option it is dropped and logged {@code CQ}
 * with no server and no status; without it, it is still served. Same log lines
 * on both sides.
 */
class AbortOnCloseDifferentialTest {

    private static final String CONFIG = """
            global
              log 127.0.0.1:${SYSLOG} local0
            defaults
              mode http
              log global
              log-format "%b/%s %ST %ts %{+Q}r"
              option dontlognull
              timeout client 5s
              timeout server 5s
              timeout connect 1s
              timeout queue 5s
            listen abort
              bind 127.0.0.1:${PORT_A}
              option abortonclose
              server s1 ${S1} maxconn 1
            listen serve
              bind 127.0.0.1:${PORT_S}
              option abortonclose
              no option abortonclose
              server s1 ${S1} maxconn 1
            """;

    private static TestBackend slow;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        slow = TestBackend.start("s1").behavior(TestBackend.delayed(700));
        both = SideBySide.of(CONFIG).ports("PORT_A", "PORT_S").vars(Map.of("S1", slow.address()))
                .syslog("SYSLOG").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        if (slow != null) {
            slow.close();
        }
    }

    @ParameterizedTest(name = "{0}, client {1}")
    @CsvSource({"PORT_A, closes", "PORT_A, half-closes", "PORT_S, closes", "PORT_S, half-closes"})
    void queuedClientGoneAsInHaproxy(String port, String how) throws Exception {
        List<String> theirs = scenario(both.haproxyPort(port), both.haproxyLog(), how.equals("half-closes"));
        List<String> ours = scenario(both.fulcrumPort(port), both.fulcrumLog(), how.equals("half-closes"));
        assertThat(theirs).as("haproxy's log").anyMatch(l -> l.contains("/queued")
                && l.contains(port.equals("PORT_A") ? "<NOSRV> -1 CQ " : "/s1 200 -- "));
        assertThat(ours).isEqualTo(theirs);
    }

    /** One request holds the server's only slot; a second one queues, then its client goes. */
    private static List<String> scenario(int port, SyslogReceiver log, boolean halfClose) throws Exception {
        log.drain();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try (RawHttp c = new RawHttp(port)) {
                c.timeout(5000);
                return c.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(150);
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /queued HTTP/1.1\r\nHost: x\r\n\r\n");
            TimeUnit.MILLISECONDS.sleep(150); // queued behind /first
            if (halfClose) {
                c.shutdownOutput();
                c.timeout(5000);
                c.readAvailable(3000, 1500);
            }
        }
        first.get(10, TimeUnit.SECONDS);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String m = log.next();
            lines.add(m.substring(m.indexOf("]: ") + 3).strip());
        }
        lines.sort(null);
        return lines;
    }
}
