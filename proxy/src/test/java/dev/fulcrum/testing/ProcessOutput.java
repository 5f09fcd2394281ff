package dev.fulcrum.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * What a child process of a test (haproxy, a forked engine) prints, collected
 * as it comes by a daemon thread, and the waits and clean-up around such a
 * process.
 */
final class ProcessOutput {

    private final Process process;
    private final StringBuilder output = new StringBuilder();

    ProcessOutput(Process process, String threadName) {
        this.process = process;
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
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    String text() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Waits until {@code port} accepts connections on 127.0.0.1; fails early when the process exits. */
    void awaitPort(int port, Duration limit, String who) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(who + " exited with " + process.exitValue() + ": " + text());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IOException(who + " did not listen on " + port + " within " + limit + ": " + text());
    }

    /** Stops the process (TERM, then KILL after 5 s) and deletes its working directory. */
    void stop(Path dir) throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
