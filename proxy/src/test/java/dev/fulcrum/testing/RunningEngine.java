package dev.fulcrum.testing;

import dev.fulcrum.config.ConfigEnvironment;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.http.StreamRecord;
import dev.fulcrum.runtime.Engine;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An engine started in-process from configuration text, with the stream records
 * it publishes collected for assertions. {@code ${NAME}} placeholders in the text
 * are replaced from the given map (e.g. backend addresses, a free port).
 */
public final class RunningEngine implements AutoCloseable {

    private final Engine engine;
    private final BlockingQueue<StreamRecord> records = new LinkedBlockingQueue<>();

    private RunningEngine(Engine engine) {
        this.engine = engine;
        engine.http().addObserver(records::add);
    }

    public static RunningEngine start(String config, Map<String, String> vars) throws Exception {
        String text = config;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        ConfigLoader.Result r = new ConfigLoader(KeywordRegistry.standard(), new ConfigEnvironment(k -> null))
                .loadText("test.cfg", text);
        if (!r.ok()) {
            throw new IllegalArgumentException("bad test config: " + r.diagnostics().alerts());
        }
        return new RunningEngine(Engine.start(r.config()));
    }

    public Engine engine() {
        return engine;
    }

    /** The port the named frontend listens on. */
    public int port(String frontend) {
        return engine.boundAddresses(frontend).getFirst().getPort();
    }

    public URI uri(String frontend, String path) {
        return URI.create("http://127.0.0.1:" + port(frontend) + path);
    }

    /** The next finished stream, waiting up to {@code timeout}. */
    public StreamRecord nextRecord(Duration timeout) throws InterruptedException {
        StreamRecord r = records.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no stream record within " + timeout);
        }
        return r;
    }

    public StreamRecord nextRecord() throws InterruptedException {
        return nextRecord(Duration.ofSeconds(10));
    }

    public List<StreamRecord> drainRecords() {
        List<StreamRecord> out = new java.util.ArrayList<>();
        records.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        engine.close();
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port that was free a moment ago (for listeners the test configures), and
     * never handed out before in this JVM: the kernel may give the same ephemeral
     * port twice in a row, and since both haproxy and Fulcrum bind with
     * SO_REUSEPORT, two listeners on one port would silently share its connections.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                s.setReuseAddress(true);
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no fresh free port after 100 attempts");
    }
}
