package dev.fulcrum.check;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.StateLines;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * External checks run real shell scripts from a temporary directory: what they
 * receive (arguments, environment) and what their exit status, or their
 * running too long, does to the server, compared with haproxy 2.6 running the
 * same configuration with its own copy of the script.
 */
class ExternalCheckTest {

    @TempDir
    Path dir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private static final String CONFIG = """
            global
                external-check
                insecure-fork-wanted
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
                option log-health-checks
            listen li
                bind 127.0.0.1:${FE}
                option external-check
                external-check command ${DIR}/check.sh
                server s1 127.0.0.1:${P1} check inter 700ms
            backend bk
                option external-check
                external-check path "/usr/bin:/bin:${DIR}"
                external-check command check.sh
                server s2 127.0.0.1:${P2} check inter 700ms maxconn 7
            """;

    /** A check script that records what it received and exits as {@code rc} says ("sleep": never ends). */
    private static Path script(Path where) throws Exception {
        Files.createDirectories(where);
        Path s = where.resolve("check.sh");
        Files.writeString(s, """
                #!/bin/sh
                if [ ! -e DIR/seen-$HAPROXY_SERVER_NAME ]; then
                  { echo "ARGS: $*"; /usr/bin/env | /usr/bin/sort; } > DIR/seen-$HAPROXY_SERVER_NAME.tmp
                  /bin/mv DIR/seen-$HAPROXY_SERVER_NAME.tmp DIR/seen-$HAPROXY_SERVER_NAME
                fi
                read R < DIR/rc
                if [ "$R" = "sleep" ]; then exec /bin/sleep 30; fi
                exit $R
                """.replace("DIR", where.toString()));
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        rc(where, "0");
        return s;
    }

    /** Sets what the script exits with, atomically (a run never reads a half-written file). */
    private static void rc(Path where, String value) throws Exception {
        Path tmp = where.resolve("rc.tmp");
        Files.writeString(tmp, value + "\n");
        Files.move(tmp, where.resolve("rc"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String config(Path where, int fe) {
        return CONFIG.replace("${DIR}", where.toString()).replace("${FE}", Integer.toString(fe))
                .replace("${P1}", "1").replace("${P2}", "2");
    }

    /** Waits (up to 10 s) for both sides to have printed a line containing each text. */
    private static void await(Supplier<List<String>> a, Supplier<List<String>> b, String... texts)
            throws InterruptedException {
        for (String t : texts) {
            RiseFallTest.waitFor(() -> a.get().stream().anyMatch(l -> l.contains(t))
                    && b.get().stream().anyMatch(l -> l.contains(t)));
        }
    }

    private static List<String> of(List<String> lines, String proxy) {
        return lines.stream().filter(l -> l.contains(" " + proxy + "/") || l.contains("'" + proxy + "'")).toList();
    }

    @Test
    void runsTheCommandAsHaproxyRunsIt() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        Path theirsDir = dir.resolve("haproxy");
        Path oursDir = dir.resolve("fulcrum");
        script(theirsDir);
        script(oursDir);
        int hp = RunningEngine.freePort();
        Haproxy h = resources.add(Haproxy.start(config(theirsDir, hp), hp));
        StateLines.Capture printed = new StateLines.Capture();
        int fp = RunningEngine.freePort();
        resources.add(RunningEngine.start(config(oursDir, fp), Map.of(), printed.sink()));
        Supplier<List<String>> theirs = () -> StateLines.normalize(h.output());
        Supplier<List<String>> ours = printed::lines;

        await(theirs, ours, "Health check for server li/s1 succeeded", "Health check for server bk/s2 succeeded");
        for (String server : List.of("s1", "s2")) {
            RiseFallTest.waitFor(() -> Files.exists(theirsDir.resolve("seen-" + server))
                    && Files.exists(oursDir.resolve("seen-" + server)));
            String t = Files.readString(theirsDir.resolve("seen-" + server)).replace(Integer.toString(hp), "FE")
                    .replace(theirsDir.toString(), "DIR");
            String o = Files.readString(oursDir.resolve("seen-" + server)).replace(Integer.toString(fp), "FE")
                    .replace(oursDir.toString(), "DIR");
            assertThat(o).isEqualTo(t);
        }
        assertThat(Files.readString(oursDir.resolve("seen-s1"))).startsWith("ARGS: 127.0.0.1 " + fp + " 127.0.0.1 1\n")
                .contains("HAPROXY_PROXY_NAME=li\n", "HAPROXY_SERVER_NAME=s1\n", "PATH=\n");
        assertThat(Files.readString(oursDir.resolve("seen-s2"))).startsWith("ARGS: NOT_USED NOT_USED 127.0.0.1 2\n")
                .contains("HAPROXY_SERVER_MAXCONN=7\n", "PATH=/usr/bin:/bin:" + oursDir + "\n");

        for (Path d : List.of(theirsDir, oursDir)) {
            rc(d, "3");
        }
        await(theirs, ours, "Server li/s1 is DOWN", "Server bk/s2 is DOWN");
        for (Path d : List.of(theirsDir, oursDir)) {
            rc(d, "0");
        }
        await(theirs, ours, "Server li/s1 is UP", "Server bk/s2 is UP");
        for (Path d : List.of(theirsDir, oursDir)) {
            rc(d, "sleep");
        }
        await(theirs, ours, "server li/s1 failed, reason: External check timeout, code: 0, check duration: Nms, "
                + "status: 0/2 DOWN", "server bk/s2 failed, reason: External check timeout, code: 0, check duration: "
                + "Nms, status: 0/2 DOWN");
        Thread.sleep(200); // the DOWN lines that follow
        for (String proxy : List.of("li", "bk")) {
            assertThat(of(ours.get(), proxy)).isEqualTo(of(theirs.get(), proxy));
        }
        assertThat(ours.get()).contains("[WARNING] : Health check for server li/s1 failed, reason: External check "
                        + "error, code: 3, check duration: Nms, status: 2/3 UP.",
                "[WARNING] : Health check for server bk/s2 failed, reason: External check timeout, code: 0, check "
                        + "duration: Nms, status: 0/2 DOWN.");
    }

    @Test
    void aCommandThatCannotBeFoundFailsWithCode255() throws Exception {
        Events events = new Events();
        Engine e = Engines.start("""
                global
                    external-check
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                backend bk
                    option external-check
                    external-check command no-such-check
                    server s1 127.0.0.1:1 check inter 100ms fall 1
                """, Map.of(), events);
        resources.add(e::close);
        int i = events.await("Server bk/s1 is DOWN");
        assertThat(events.lines().get(i)).isEqualTo("Server bk/s1 is DOWN, reason: External check error, code: 255, "
                + "check duration: " + e.backends().get("bk").server("s1").check().last().durationMs()
                + "ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
    }

    @Test
    void configurationMistakesAreReportedAsHaproxyReportsThem() throws Exception {
        String backend = """
                defaults
                    mode http
                backend bk
                    option external-check
                    server s1 127.0.0.1:1 check
                """;
        expect("global\n    insecure-fork-wanted\n" + backend + "    external-check command /bin/true\n",
                "[ALERT]    (1) : config : Proxy 'bk' : 'option external-check' unable to find required "
                        + "'global.external-check'.");
        expect("global\n    external-check\n    insecure-fork-wanted\n" + backend,
                "[ALERT]    (1) : config : Proxy 'bk' : 'option external-check' unable to find required "
                        + "'external-check command'.");
        expect("global\n    external-check\n" + backend + "    external-check command /bin/true\n",
                "[WARNING]  (1) : config : Proxy 'bk' : 'insecure-fork-wanted' not enabled in the global section, "
                        + "'option external-check' will likely fail.");
        expect("global\n    external-check\n" + backend + "    external-check command\n",
                "[ALERT]    (1) : config : parsing [t.cfg:8] : missing argument after 'command'.");
        expect("global\n    external-check\n" + backend + "    external-check command a b\n",
                "[ALERT]    (1) : config : parsing [t.cfg:8] : 'external-check' cannot handle unexpected argument 'b'.");
        expect("global\n    external-check foo\n",
                "[ALERT]    (1) : config : parsing [t.cfg:2] : 'external-check' cannot handle unexpected argument 'foo'.");
    }

    private void expect(String text, String line) throws Exception {
        List<Diagnostic> all = ConfigLoader.standard().loadText("t.cfg", text).diagnostics().forDisplay();
        assertThat(all.stream().map(d -> d.format(1)).toList()).as(text).contains(line);
        if (Haproxy.available()) {
            String out = Haproxy.check(dir, text).output().replaceAll("\\((\\d+)\\) :", "(1) :");
            assertThat(out).contains(line);
        }
    }
}
