package dev.fulcrum.stats;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.http.HttpRequestHead;
import dev.fulcrum.http.HttpResponseHead;
import dev.fulcrum.http.ServiceExchange;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestResources;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exporter's body is produced piece by piece: a client that stops reading
 * stops the production, the pieces add up to the same text as one pass, and a
 * scrape of 1 frontend, 5 backends and 50 servers allocates a bounded amount
 * that does not grow from scrape to scrape (the chunk buffers aside, which the
 * data path takes from Netty's pool).
 */
class ScrapeStreamingTest {

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    /** A configuration of 1 frontend, 5 backends of 10 servers each (servers are never contacted). */
    private RunningEngine fiftyServers() throws Exception {
        StringBuilder cfg = new StringBuilder("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:${FE}
                  default_backend b0
                """);
        for (int b = 0; b < 5; b++) {
            cfg.append("backend b").append(b).append('\n');
            for (int s = 0; s < 10; s++) {
                cfg.append("  server s").append(s).append(" 127.0.0.1:").append(10000 + b * 10 + s)
                        .append(s == 9 ? " disabled" : "").append('\n');
            }
        }
        return resources.engine(cfg.toString(), Map.of("FE", Integer.toString(RunningEngine.freePort())));
    }

    private static StatsSource source(Engine e) {
        return new StatsSource() {
            public Collection<Frontend> frontends() { return e.frontends().values(); }
            public Collection<Backend> backends() { return e.backends().values(); }
            public int threads() { return 1; }
            public int maxconn() { return e.maxconn(); }
            public long maxFds() { return 1024; }
            public long startMillis() { return 0; }
            public int currentConnections() { return 0; }
            public int connectionRate() { return 0; }
            public int maxConnectionRate() { return 0; }
            public long requestsTotal() { return 0; }
            public int listeners() { return 1; }
            public boolean stopping() { return false; }
            public String version() { return "test"; }
        };
    }

    /** An exchange whose client takes {@code chunksPerTurn} chunks, then is "not writable" until resumed. */
    private static final class SlowClient implements ServiceExchange, ServiceExchange.BodySink {
        final StringBuilder received = new StringBuilder();
        final int chunksPerTurn;
        final boolean keep;
        final ByteBuf reused = Unpooled.directBuffer(64 * 1024);
        int taken;
        int turns;
        long bytes;
        BodyProducer producer;

        SlowClient(int chunksPerTurn, boolean keep) {
            this.chunksPerTurn = chunksPerTurn;
            this.keep = keep;
        }

        public HttpRequestHead request() { throw new UnsupportedOperationException(); }
        public String path() { return "/metrics"; }
        public String query() { return ""; }
        public void reply(HttpResponseHead head, byte[] body) { throw new AssertionError("no error expected"); }

        public void stream(HttpResponseHead head, BodyProducer p) {
            producer = p;
        }

        /** Runs the producer turn after turn until it is done; returns the turns it took. */
        int drain() {
            boolean done = false;
            while (!done) {
                taken = 0;
                turns++;
                done = producer.produce(this);
            }
            return turns;
        }

        public ByteBuf buffer(int capacity) {
            reused.clear();
            return reused;
        }

        public void send(ByteBuf chunk) {
            bytes += chunk.readableBytes();
            if (keep) {
                received.append(chunk.toString(StandardCharsets.UTF_8));
            }
            taken++;
        }

        public boolean writable() {
            return taken < chunksPerTurn;
        }
    }

    @Test
    void aClientThatStopsReadingStopsTheProductionAndLosesNothing() throws Exception {
        RunningEngine e = fiftyServers();
        PrometheusExporter exporter = new PrometheusExporter(source(e.engine()));
        SlowClient fast = new SlowClient(Integer.MAX_VALUE, true);
        exporter.serve(fast);
        fast.drain();
        SlowClient slow = new SlowClient(1, true);
        exporter.serve(slow);
        int turns = slow.drain();
        assertThat(turns).as("one chunk per turn").isGreaterThan(5);
        // ages in whole seconds may tick between the two scrapes: everything else must be identical
        assertThat(withoutAges(slow.received)).containsExactly(withoutAges(fast.received));
        Exposition x = Exposition.parse(slow.received.toString());
        assertThat(x.series()).containsKey("haproxy_server_weight{proxy=\"b4\",server=\"s8\"}");
    }

    private static String[] withoutAges(CharSequence text) {
        return text.toString().lines()
                .filter(l -> !l.contains("last_change_seconds{") && !l.contains("downtime") && !l.contains("uptime"))
                .toArray(String[]::new);
    }

    @Test
    void scrapingFiftyServersAllocatesABoundedAmount() throws Exception {
        RunningEngine e = fiftyServers();
        PrometheusExporter exporter = new PrometheusExporter(source(e.engine()));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] perScrape = new long[3];
        long output = 0;
        for (int round = 0; round < 3; round++) {
            int scrapes = 200;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < scrapes; i++) {
                SlowClient c = new SlowClient(Integer.MAX_VALUE, false);
                exporter.serve(c);
                c.drain();
                output = c.bytes;
            }
            perScrape[round] = (threads.getCurrentThreadAllocatedBytes() - before) / scrapes;
        }
        System.out.printf("prometheus scrape, 1 frontend/5 backends/50 servers: %d bytes of output, "
                + "%d / %d / %d bytes allocated per scrape (3 rounds of 200)%n", output, perScrape[0], perScrape[1],
                perScrape[2]);
        // the test's own client allocates a little per scrape; the scrape itself only its cursor and object lists
        assertThat(perScrape[2]).as("allocation per scrape, far below the output size").isLessThan(output / 8);
        assertThat(perScrape[2]).as("no growth from round to round").isLessThanOrEqualTo(perScrape[0] * 2 + 4096);
    }
}
