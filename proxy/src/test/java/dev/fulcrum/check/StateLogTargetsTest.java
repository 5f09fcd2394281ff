package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.testing.SyslogReceiver;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * State changes reach the backend's {@code log} targets at haproxy's levels
 * (a server down at alert, the backend without servers at emerg, a server up
 * at notice), here a UDP socket the test owns.
 */
class StateLogTargetsTest {

    private final TestResources resources = new TestResources();
    private final Events events = new Events();
    private SyslogReceiver syslog;
    private ProbeServer probe;

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    /** An engine whose backend {@code bk} logs to the test's syslog and checks a probe server every 30 ms. */
    private Engine start(String options) throws Exception {
        syslog = resources.add(SyslogReceiver.udp());
        probe = resources.add(ProbeServer.start(ProbeServer.text("")));
        Engine e = Engines.start("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                backend bk
                """ + options + """
                    log 127.0.0.1:${SYSLOG} local0
                    server s1 127.0.0.1:${P} check inter 30ms fall 1 rise 1
                """, Map.of("SYSLOG", syslog.port(), "P", probe.port()), events);
        resources.add(e::close);
        return e;
    }

    /** The first {@code n} messages, each waited for up to 10 s, without their line feed. */
    private List<String> received(int n) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < n) {
            lines.add(syslog.next().strip());
        }
        return lines;
    }

    @Test
    void stateChangesAreSentToTheBackendsLogTargets() throws Exception {
        Engine e = start("");
        RiseFallTest.waitFor(() -> e.backends().get("bk").server("s1").check().last().atMillis() > 0);
        probe.down();
        events.await("has no server available");
        probe.up();
        events.await("Server bk/s1 is UP");
        List<String> lines = received(3);
        // local0 = facility 16: <129> alert, <128> emerg, <133> notice
        assertThat(lines.get(0)).startsWith("<129>").contains("Server bk/s1 is DOWN, reason: Layer4 "
                + "connection problem, info: \"Connection refused\", check duration: ");
        assertThat(lines.get(1)).startsWith("<128>").contains("backend bk has no server available!");
        assertThat(lines.get(2)).startsWith("<133>").contains("Server bk/s1 is UP, reason: Layer4 check passed");
    }

    @Test
    void logHealthChecksLinesGoToTheBackendsLogTargetsAtNotice() throws Exception {
        start("    option log-health-checks\n");
        events.await("Health check for server bk/s1 succeeded");
        probe.down();
        events.await("has no server available");
        List<String> lines = received(4);
        // local0 = facility 16: <133> notice, <129> alert, <128> emerg
        assertThat(lines.get(0)).startsWith("<133>").contains("Health check for server bk/s1 succeeded, "
                + "reason: Layer4 check passed, check duration: ").endsWith("status: 1/1 UP.");
        assertThat(lines.get(1)).startsWith("<133>").contains("Health check for server bk/s1 failed, reason: "
                + "Layer4 connection problem, info: \"Connection refused\", check duration: ")
                .endsWith("status: 0/1 DOWN.");
        // the state change no longer repeats the check's reason
        assertThat(lines.get(2)).startsWith("<129>").endsWith("Server bk/s1 is DOWN. 0 active and 0 backup "
                + "servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
        assertThat(lines.get(3)).startsWith("<128>").contains("backend bk has no server available!");
    }
}
