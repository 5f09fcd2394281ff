package dev.fulcrum.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine in its own JVM, started like {@code bin/fulcrum} but from the test
 * classpath, so tests can cap its heap, send it signals and watch it exit.
 */
public final class ForkedEngine implements AutoCloseable {

    /** How long the engine may take to listen: generous, since a loaded machine is slow to start a JVM. */
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final Path dir;
    private final ProcessOutput output;

    private ForkedEngine(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        this.output = new ProcessOutput(process, "forked-engine-output");
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
        try {
            e.output.awaitPort(port, STARTUP, "engine");
        } catch (IOException | InterruptedException | RuntimeException failed) {
            e.close();
            throw failed;
        }
        return e;
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        return output.text();
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
        output.stop(dir);
    }
}
