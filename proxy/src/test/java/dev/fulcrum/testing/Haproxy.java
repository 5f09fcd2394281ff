package dev.fulcrum.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real haproxy (Debian's 2.6), run as the reference for differential tests.
 * Tests call {@link #available()} in an assumption so they are skipped, not
 * failed, on machines without it; CI installs it.
 */
public final class Haproxy implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/haproxy";
    /** How long haproxy may take to listen: generous, since a loaded machine is slow to start a process. */
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final Path dir;
    private final ProcessOutput output;

    private Haproxy(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        this.output = new ProcessOutput(process, "haproxy-output");
    }

    public static boolean available() {
        return new File(BINARY).canExecute();
    }

    /** Runs {@code haproxy -c} on a configuration; returns its exit status and output. */
    public static Result check(Path config) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BINARY, "-c", "-f", config.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("haproxy -c did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    /**
     * Runs {@code haproxy -c} on {@code text}, written to {@code t.cfg} in
     * {@code dir}; the output names the file {@code t.cfg}, as a test loads it.
     */
    public static Result check(Path dir, String text) throws IOException, InterruptedException {
        Path cfg = dir.resolve("t.cfg");
        Files.writeString(cfg, text, StandardCharsets.ISO_8859_1);
        Result r = check(cfg);
        return new Result(r.status(), r.output().replace(cfg.toString(), "t.cfg"));
    }

    /** The outcome of a command. */
    public record Result(int status, String output) {

        /** The first alert, without its {@code [ALERT] (pid) : } prefix. */
        public String firstAlert() {
            return output.lines().filter(l -> l.startsWith("[ALERT]")).findFirst().orElseThrow()
                    .replaceFirst("^\\[ALERT] +\\(\\d+\\) : ", "");
        }
    }

    /**
     * Starts haproxy in the foreground on {@code config} and waits until each of
     * {@code ports} accepts connections on 127.0.0.1.
     */
    public static Haproxy start(String config, int... ports) throws IOException, InterruptedException {
        return start(false, config, ports);
    }

    /**
     * Like {@link #start(String, int...)}, with an admin-level stats socket in
     * its own directory (a {@code global} section before the configuration's)
     * for {@link #cli(String)}.
     */
    public static Haproxy startWithCli(String config, int... ports) throws IOException, InterruptedException {
        return start(true, config, ports);
    }

    private static Haproxy start(boolean cli, String config, int... ports) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("haproxy-ref");
        Path cfg = dir.resolve("haproxy.cfg");
        String text = cli ? "global\n    stats socket " + dir.resolve("admin.sock") + " level admin\n" + config : config;
        Files.writeString(cfg, text, StandardCharsets.ISO_8859_1);
        Process p = new ProcessBuilder(List.of(BINARY, "-db", "-f", cfg.toString())).redirectErrorStream(true).start();
        Haproxy h = new Haproxy(p, dir);
        try {
            for (int port : ports) {
                h.output.awaitPort(port, STARTUP, "haproxy");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            h.close();
            throw e;
        }
        return h;
    }

    /** Sends one command to the stats socket of {@link #startWithCli} and returns the whole answer. */
    public String cli(String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dir.resolve("admin.sock")));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.ISO_8859_1)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(4096);
            while (ch.read(b) >= 0) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * One column of {@code show stat} for {@code proxy/server} (e.g. {@code qcur},
     * {@code check_status}) through {@link #cli}, or {@code null} without such a row.
     */
    public String stat(String proxy, String server, String column) throws IOException {
        String[] lines = cli("show stat").split("\n");
        List<String> header = List.of(lines[0].substring(2).split(","));
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + header);
        }
        for (String line : lines) {
            String[] f = line.split(",", -1);
            if (f.length > i && f[0].equals(proxy) && f[1].equals(server)) {
                return f[i];
            }
        }
        return null;
    }

    /** The lines haproxy printed so far (logs to stdout included). */
    public List<String> lines() {
        return output().lines().toList();
    }

    /** What haproxy printed so far (logs to stdout included). */
    public String output() {
        return output.text();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        output.stop(dir);
    }
}
