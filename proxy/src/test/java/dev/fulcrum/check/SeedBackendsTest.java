package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.AdminState;
import dev.fulcrum.server.OperState;
import dev.fulcrum.server.Server;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.fulcrum.check.RiseFallTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's {@code bk_deep_health} (multi-step HTTP check ending with an
 * {@code rstring} on the body) and {@code bk_agent_health} (agent check) backends,
 * run as written with only their 10.x addresses rewritten to loopback probe
 * servers and their intervals shortened.
 */
class SeedBackendsTest {

    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
    }

    private static String seed() throws Exception {
        Path p = Path.of(SeedBackendsTest.class.getClassLoader().getResource("seeds/003-07-advanced-health-checks.cfg")
                .toURI());
        return Files.readString(p, StandardCharsets.ISO_8859_1);
    }

    @Test
    void deepHealthChecksConnectsSendsAndMatchesTheBodyWithARegex() throws Exception {
        ProbeServer web = ProbeServer.http(200, "OK", "{\"status\": \"healthy\"}");
        open.add(web);
        ProbeServer agent = ProbeServer.start(ProbeServer.text("up\n")).speakFirst(true);
        open.add(agent);
        String config = "defaults\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\n    timeout check 2s\n"
                + seed().replace("10.0.1.10:8080", "127.0.0.1:" + web.port())
                .replace("agent-port 8081", "agent-port " + agent.port())
                .replace("inter 5s", "inter 100ms");
        Events events = new Events();
        Engine e = Engines.start(config, Map.of(), events);
        open.add(e::close);
        Server s = e.backends().get("bk_deep_health").server("s1");
        waitFor(() -> s.check().fullyUp());
        // (bk_agent_health's plain TCP check connects to the same port and sends nothing)
        assertThat(web.requests()).contains("GET /health HTTP/1.0\r\n\r\n");
        assertThat(web.requests()).allMatch(r -> r.isEmpty() || r.equals("GET /health HTTP/1.0\r\n\r\n"));
        assertThat(s.check().last().status()).isEqualTo("L7OK");

        web.answer(ProbeServer.httpReply(200, "OK", "{\"status\": \"degraded\"}"));
        int down = events.await("Server bk_deep_health/s1 is DOWN");
        assertThat(events.lines().get(down)).startsWith("Server bk_deep_health/s1 is DOWN, reason: Layer7 invalid "
                + "response, info: \"HTTP content check did not match\", check duration: ");

        web.answer(ProbeServer.httpReply(200, "OK", "{\"status\":\"healthy\"}"));
        events.await("Server bk_deep_health/s1 is UP");
        web.answer(ProbeServer.httpReply(503, "Service Unavailable", "{\"status\": \"healthy\"}"));
        int down2 = events.awaitNth("Server bk_deep_health/s1 is DOWN", 2);
        assertThat(events.lines().get(down2)).startsWith("Server bk_deep_health/s1 is DOWN, reason: Layer7 wrong "
                + "status, code: 503, info: \"Service Unavailable\", check duration: ");
    }

    @Test
    void agentHealthLetsTheAgentSetStateAndWeight() throws Exception {
        ProbeServer web = ProbeServer.start(ProbeServer.text(""));
        open.add(web);
        ProbeServer agent = ProbeServer.start(ProbeServer.text("up\n")).speakFirst(true);
        open.add(agent);
        String config = "defaults\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\n    timeout check 2s\n"
                + seed().replace("10.0.1.10:8080", "127.0.0.1:" + web.port())
                .replace("agent-port 8081", "agent-port " + agent.port())
                .replace("agent-inter 5s", "agent-inter 100ms").replace("inter 5s", "inter 100ms");
        Events events = new Events();
        Engine e = Engines.start(config, Map.of(), events);
        open.add(e::close);
        Server s = e.backends().get("bk_agent_health").server("s1");
        waitFor(() -> agent.connections() >= 1 && s.check().fullyUp());
        agent.answer(ProbeServer.text("maint\n"));
        events.await("Server bk_agent_health/s1 is going DOWN for maintenance");
        assertThat(AdminState.name(s.adminFlags())).isEqualTo("MAINT");
        agent.answer(ProbeServer.text("ready 50%\n"));
        events.await("Server bk_agent_health/s1 is UP/READY (leaving forced maintenance)");
        waitFor(() -> s.userWeight() == 0 || s.userWeight() == 1 * 50 / 100);
        agent.answer(ProbeServer.text("up 100%\n"));
        waitFor(() -> s.userWeight() == 1);
        assertThat(s.operState()).isEqualTo(OperState.RUNNING);
        agent.answer(ProbeServer.text("drain\n"));
        events.await("Server bk_agent_health/s1 enters drain state");
        assertThat(s.isUsable()).isFalse();
    }
}
