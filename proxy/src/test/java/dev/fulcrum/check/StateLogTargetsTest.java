package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
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

    @Test
    void stateChangesAreSentToTheBackendsLogTargets() throws Exception {
        try (DatagramSocket syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ProbeServer p = ProbeServer.start(ProbeServer.text(""))) {
            syslog.setSoTimeout(10_000);
            Events events = new Events();
            Engine e = Engines.start("""
                    defaults
                        mode http
                        timeout connect 1s
                        timeout client 5s
                        timeout server 5s
                    backend bk
                        log 127.0.0.1:${SYSLOG} local0
                        server s1 127.0.0.1:${P} check inter 30ms fall 1 rise 1
                    """, Map.of("SYSLOG", syslog.getLocalPort(), "P", p.port()), events);
            try {
                RiseFallTest.waitFor(() -> e.backends().get("bk").server("s1").check().last().atMillis() > 0);
                p.down();
                events.await("has no server available");
                p.up();
                events.await("Server bk/s1 is UP");
                List<String> lines = new ArrayList<>();
                byte[] buf = new byte[2048];
                while (lines.size() < 3) {
                    DatagramPacket d = new DatagramPacket(buf, buf.length);
                    syslog.receive(d);
                    lines.add(new String(d.getData(), 0, d.getLength(), StandardCharsets.ISO_8859_1));
                }
                // local0 = facility 16: <129> alert, <128> emerg, <133> notice
                assertThat(lines.get(0)).startsWith("<129>").contains("Server bk/s1 is DOWN, reason: Layer4 "
                        + "connection problem, info: \"Connection refused\", check duration: ");
                assertThat(lines.get(1)).startsWith("<128>").contains("backend bk has no server available!");
                assertThat(lines.get(2)).startsWith("<133>").contains("Server bk/s1 is UP, reason: Layer4 check passed");
            } finally {
                e.close();
            }
        }
    }

    @Test
    void logHealthChecksLinesGoToTheBackendsLogTargetsAtNotice() throws Exception {
        try (DatagramSocket syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ProbeServer p = ProbeServer.start(ProbeServer.text(""))) {
            syslog.setSoTimeout(10_000);
            Events events = new Events();
            Engine e = Engines.start("""
                    defaults
                        mode http
                        timeout connect 1s
                        timeout client 5s
                        timeout server 5s
                    backend bk
                        option log-health-checks
                        log 127.0.0.1:${SYSLOG} local0
                        server s1 127.0.0.1:${P} check inter 30ms fall 1 rise 1
                    """, Map.of("SYSLOG", syslog.getLocalPort(), "P", p.port()), events);
            try {
                events.await("Health check for server bk/s1 succeeded");
                p.down();
                events.await("has no server available");
                List<String> lines = new ArrayList<>();
                byte[] buf = new byte[2048];
                while (lines.size() < 4) {
                    DatagramPacket d = new DatagramPacket(buf, buf.length);
                    syslog.receive(d);
                    lines.add(new String(d.getData(), 0, d.getLength(), StandardCharsets.ISO_8859_1).strip());
                }
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
            } finally {
                e.close();
            }
        }
    }
}
