package dev.fulcrum.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real haproxy (Debian's 2.6), run as the reference for differential tests.
 * Tests call {@link #available()} in an assumption so they are skipped, not
 * failed, on machines without it; CI installs it.
 */
public final class Haproxy implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/haproxy";

    private final Process process;
    private final Path dir;
    private final StringBuilder output = new StringBuilder();

    private Haproxy(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        Thread reader = new Thread(() -> {
            try {
                byte[] buf = new byte[4096];
                int n;
                while ((n = process.getInputStream().read(buf)) > 0) {
                    synchronized (output) {
                        output.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "haproxy-output");
        reader.setDaemon(true);
        reader.start();
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

    /** The outcome of a command. */
    public record Result(int status, String output) {
    }

    /**
     * Starts haproxy in the foreground on {@code config} and waits until each of
     * {@code ports} accepts connections on 127.0.0.1.
     */
    public static Haproxy start(String config, int... ports) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("haproxy-ref");
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config, StandardCharsets.ISO_8859_1);
        List<String> cmd = new ArrayList<>(List.of(BINARY, "-db", "-f", cfg.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Haproxy h = new Haproxy(p, dir);
        for (int port : ports) {
            h.awaitPort(port);
        }
        return h;
    }

    private void awaitPort(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("haproxy exited: " + output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IOException("haproxy did not listen on " + port + ": " + output());
    }

    /** The lines haproxy printed so far (logs to stdout included). */
    public java.util.List<String> lines() {
        synchronized (output) {
            return output.toString().lines().toList();
        }
    }

    /** What haproxy printed so far (logs to stdout included). */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
