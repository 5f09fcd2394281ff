package dev.fulcrum.main;

import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code bind fd@<N>}: the packaged {@code bin/fulcrum} adopts a listening socket it
 * inherits instead of binding one. A launcher ({@code fd-launcher.py}, standing in
 * for a supervisor such as systemd) binds and listens on 127.0.0.1, then execs
 * {@code bin/fulcrum} with the socket inherited. A client that connected before the
 * engine even started waits in the socket's backlog and must be served once the
 * engine adopts the socket; it is proxied to a loopback backend.
 *
 * <p>Runs as an integration test (after {@code package}) because it needs the
 * distribution in {@code target/fulcrum}.
 */
class FdAdoptionIT {

    private static final Pattern ANNOUNCE = Pattern.compile("PORT (\\d+) FD (\\d+)");

    @TempDir
    Path dir;

    @Test
    void anInheritedListeningSocketIsAdoptedAndServesConnectionsMadeBeforeTheEngineStarted() throws Exception {
        Path fulcrum = Path.of(System.getProperty("fulcrum.dist", "target/fulcrum"), "bin", "fulcrum");
        assumeTrue(Files.isExecutable(fulcrum), "bin/fulcrum is built by 'mvn package'");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 runs the launcher");

        StringBuilder output = new StringBuilder();
        try (TestBackend backend = TestBackend.start("adopted")) {
            Path cfg = dir.resolve("fd.cfg");
            // the fd number reaches the configuration through the environment, as with systemd
            Files.writeString(cfg, """
                    defaults
                      mode http
                      timeout client 5s
                      timeout server 5s
                      timeout connect 1s
                    frontend fe
                      bind "fd@${FULCRUM_FD}"
                      default_backend be
                    backend be
                      server s1 %s
                    """.formatted(backend.address()));
            Process p = new ProcessBuilder("/usr/bin/python3", launcher().toString(), fulcrum.toString(), "-f",
                    cfg.toString()).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                Matcher announced = ANNOUNCE.matcher(String.valueOf(out.readLine()));
                assertThat(announced.matches()).as("launcher output").isTrue();
                Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> {
                    synchronized (output) {
                        output.append(l).append('\n');
                    }
                }));
                int port = Integer.parseInt(announced.group(1));
                assertThat(Integer.parseInt(announced.group(2))).isGreaterThan(2);

                try (RawHttp early = new RawHttp(port)) {
                    // the handshake completes in the kernel: the engine is not even started
                    early.send("GET /early HTTP/1.1\r\nHost: x\r\n\r\n");
                    OutputStream go = p.getOutputStream();
                    go.write('\n');
                    go.flush();
                    early.timeout(20_000);
                    assertThat(early.readResponse()).startsWith("HTTP/1.1 200").contains("adopted");
                }
                try (RawHttp later = new RawHttp(port)) {
                    later.timeout(10_000);
                    assertThat(later.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n").readResponse())
                            .startsWith("HTTP/1.1 200").contains("adopted");
                }
                assertThat(backend.requests()).isEqualTo(2);
                assertThat(p.isAlive()).as("the launcher's pid is the engine's: exec, not fork").isTrue();
            } finally {
                p.destroy(); // SIGTERM: the engine stops at once and exits 0
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            synchronized (output) {
                assertThat(p.exitValue()).as("exit status; the engine said:\n%s", output).isZero();
            }
        }
    }

    private static Path launcher() throws URISyntaxException {
        return Path.of(FdAdoptionIT.class.getResource("fd-launcher.py").toURI());
    }
}
