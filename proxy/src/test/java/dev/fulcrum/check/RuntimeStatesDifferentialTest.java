package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.StateEvents;
import dev.fulcrum.server.Transitions;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RunningEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static void cli(Path socket, String command) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.ISO_8859_1)));
            ByteBuffer b = ByteBuffer.allocate(4096);
            while (ch.read(b) >= 0) {
                b.clear();
            }
        }
    }

    @Test
    void readyDrainAndMaintPrintHaproxysLines() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        ProbeServer web = ProbeServer.start(ProbeServer.text(""));
        open.add(web);
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
        Path dir = Files.createTempDirectory("cli");
        Path socket = dir.resolve("admin.sock");
        open.add(() -> Files.deleteIfExists(socket));
        int hp = RunningEngine.freePort();
        Haproxy h = Haproxy.start("global\n    stats socket " + socket + " level admin\n"
                + body.replace("${FE}", Integer.toString(hp)), hp);
        open.add(h);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        Engine e = Engines.start(body, Map.of("FE", RunningEngine.freePort()),
                StateEvents.stderr(new PrintStream(ours, true, StandardCharsets.ISO_8859_1), 1));
        open.add(e::close);
        Thread.sleep(400); // first checks done on both sides
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
            cli(socket, "set server bk/" + s.server() + " state " + s.command());
            s.action().accept(e.backends().get("bk").server(s.server()));
            Thread.sleep(150);
        }
        List<String> mine = CheckStatesDifferentialTest.normalize(ours.toString(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < 200 && CheckStatesDifferentialTest.normalize(h.output()).size() < mine.size(); i++) {
            Thread.sleep(10);
        }
        assertThat(mine).isEqualTo(CheckStatesDifferentialTest.normalize(h.output()));
        assertThat(mine).hasSizeGreaterThan(8);
    }
}
