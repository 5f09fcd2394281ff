package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.Transitions;
import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Administrative transitions (what the runtime API's {@code set server ... state
 * ready|drain|maint} will do, and what the console's rolling drains rely on):
 * haproxy 2.6 is driven through its stats socket, Fulcrum through
 * {@link Transitions}, on the same servers, including a disabled one and a
 * tracking one; the stderr lines must be the same.
 */
class RuntimeStatesDifferentialTest {

    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
    }

    @Test
    void readyDrainAndMaintPrintHaproxysLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer web = open.add(ProbeServer.start(ProbeServer.text("")));
        String body = """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk
                backend bk
                    server s1 127.0.0.1:${WEB} check inter 100ms disabled
                    server s2 127.0.0.1:${WEB} check inter 100ms
                    server s3 127.0.0.1:${WEB} track s2
                """.replace("${WEB}", Integer.toString(web.port()));
        SideBySide both = open.add(SideBySide.of(body).ports("FE").stateLines().cli().start());
        Engine e = both.fulcrum().engine();
        both.awaitFirstChecks("bk", "s2"); // s1 is in maintenance, s3 tracks s2
        record Step(String command, String server, Consumer<Server> action) {
        }
        List<Step> steps = List.of(
                new Step("ready", "s1", Transitions::ready),
                new Step("drain", "s1", Transitions::drain),
                new Step("ready", "s1", Transitions::ready),
                new Step("maint", "s2", Transitions::maint),
                new Step("drain", "s2", Transitions::drain),
                new Step("ready", "s2", Transitions::ready),
                new Step("maint", "s1", Transitions::maint),
                new Step("drain", "s1", Transitions::drain));
        for (Step s : steps) {
            both.haproxy().cli("set server bk/" + s.server() + " state " + s.command());
            s.action().accept(e.backends().get("bk").server(s.server()));
            Thread.sleep(150); // lets the checks of a server back from maintenance report on both sides
        }
        List<String> mine = both.fulcrumStateLines();
        Await.until(() -> both.haproxyStateLines().size() >= mine.size());
        assertThat(mine).isEqualTo(both.haproxyStateLines());
        assertThat(mine).hasSizeGreaterThan(8);
    }
}
