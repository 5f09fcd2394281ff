package dev.fulcrum.testing;

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
 * The engine in its own JVM, started like {@code bin/fulcrum} but from the test
 * classpath, so tests can cap its heap, send it signals and watch it exit.
 */
public final class ForkedEngine implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final StringBuilder output = new StringBuilder();

    private ForkedEngine(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        Thread t = new Thread(() -> {
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
        }, "forked-engine-output");
        t.setDaemon(true);
        t.start();
    }

    /** The java executable running this test (the JDK 25 toolchain's). */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Starts {@code Main -f <config>} with extra JVM options and waits for {@code port}.
     */
    public static ForkedEngine start(String config, List<String> jvmOptions, int port, String... extraArgs)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("fulcrum-forked");
        Path cfg = dir.resolve("fulcrum.cfg");
        Files.writeString(cfg, config, StandardCharsets.ISO_8859_1);
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.fulcrum.main.Main");
        cmd.add("-f");
        cmd.add(cfg.toString());
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ForkedEngine e = new ForkedEngine(p, dir);
        e.awaitPort(port);
        return e;
    }

    private void awaitPort(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("engine exited with " + process.exitValue() + ": " + output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("engine did not listen on " + port + ": " + output());
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Sends a signal by name (TERM, USR1...) with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    /** Waits for the process to exit; returns its status or -1 on timeout. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        return -1;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
