package dev.fulcrum.testing;

import dev.fulcrum.config.ConfigEnvironment;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.http.StreamRecord;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.StateEvents;

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

    public static RunningEngine start(String config, Map<String, ?> vars) throws Exception {
        return new RunningEngine(Engine.start(configuration(config, vars)));
    }

    /** Like {@link #start(String, Map)}, with state-event sinks in place before the first check runs. */
    public static RunningEngine start(String config, Map<String, ?> vars, StateEvents.Sink... sinks)
            throws Exception {
        return new RunningEngine(Engine.start(configuration(config, vars), sinks));
    }

    /** The configuration text with {@code ${NAME}} placeholders replaced, loaded; fails on any alert. */
    public static Configuration configuration(String config, Map<String, ?> vars) {
        String text = config;
        for (Map.Entry<String, ?> v : vars.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", String.valueOf(v.getValue()));
        }
        ConfigLoader.Result r = new ConfigLoader(KeywordRegistry.standard(), new ConfigEnvironment(k -> null))
                .loadText("test.cfg", text);
        if (!r.ok()) {
            throw new IllegalArgumentException("bad test config: " + r.diagnostics().alerts());
        }
        return r.config();
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

    /**
     * A port that was free a moment ago (for listeners the test configures), and
     * never handed out before in this JVM: see {@link Ports#free()}.
     */
    public static int freePort() {
        return Ports.free();
    }
}
