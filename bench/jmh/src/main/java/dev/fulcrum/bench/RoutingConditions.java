package dev.fulcrum.bench;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.http.H1Head;
import dev.fulcrum.http.H1ParseError;
import dev.fulcrum.http.H1Parser;
import dev.fulcrum.http.HttpRequestHead;
import dev.fulcrum.sample.EngineView;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.ServerView;
import dev.fulcrum.switching.Switching;
import dev.fulcrum.switching.SwitchingRule;
import dev.fulcrum.switching.SwitchingSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Content switching in a frontend of 50 services: 100 ACLs ({@code hdr(host)}
 * and {@code path_beg}) and 50 {@code use_backend} rules, parsed by the real
 * parser. The request matches the first rule, the last one, or none (the
 * worst case: every rule is tried).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingConditions {

    private static final int SERVICES = 50;

    @Param({"first", "last", "none"})
    public String match;

    private List<SwitchingRule> rules;
    private final Sample scratch = new Sample();
    private Context ctx;

    @Setup
    public void setUp() throws H1ParseError {
        StringBuilder cfg = new StringBuilder("defaults\n  mode http\n  timeout connect 5s\n  timeout client 5s\n"
                + "  timeout server 5s\nfrontend fe\n  bind 127.0.0.1:18080\n  default_backend be_default\n");
        for (int i = 0; i < SERVICES; i++) {
            cfg.append("  acl host_").append(i).append(" hdr(host) -i svc").append(i).append(".example.com\n");
            cfg.append("  acl api_").append(i).append(" path_beg /api/v").append(i).append('/').append('\n');
        }
        for (int i = 0; i < SERVICES; i++) {
            cfg.append("  use_backend be_").append(i).append(" if host_").append(i).append(" api_").append(i).append('\n');
        }
        Map<String, ProxyView> backends = new HashMap<>();
        for (int i = 0; i <= SERVICES; i++) {
            String name = i == SERVICES ? "be_default" : "be_" + i;
            cfg.append("backend ").append(name).append("\n  server s1 127.0.0.1:8080\n");
            backends.put(name, new Backend(name, i + 2));
        }
        Configuration config = Bench.parse(cfg.toString());
        rules = config.frontend("fe").get(SwitchingSettings.USE_BACKEND);
        int service = switch (match) {
            case "first" -> 0;
            case "last" -> SERVICES - 1;
            default -> SERVICES + 7;
        };
        byte[] req = ("GET /api/v" + service + "/orders/17?expand=items HTTP/1.1\r\nHost: svc" + service
                + ".example.com\r\nUser-Agent: bench\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ctx = new Context(H1Parser.parseRequest(req, req.length, new H1Head()), backends);
    }

    @Benchmark
    public ProxyView useBackend() {
        return Switching.select(rules, ctx, null, scratch);
    }

    private static final class Context extends LoopbackContext {
        private final HttpRequestHead request;
        private final EngineView engine;

        Context(HttpRequestHead request, Map<String, ProxyView> backends) {
            this.request = request;
            this.engine = new EngineView() {
                @Override
                public ProxyView backend(String name) {
                    return backends.get(name);
                }

                @Override
                public ProxyView frontend(String name) {
                    return null;
                }
            };
        }

        @Override
        public EngineView engine() {
            return engine;
        }

        @Override
        public HttpRequestHead request() {
            return request;
        }
    }

    private record Backend(String name, int id) implements ProxyView {
        @Override
        public int currentConns() {
            return 0;
        }

        @Override
        public int sessionRate() {
            return 0;
        }

        @Override
        public int queued() {
            return 0;
        }

        @Override
        public int usableServers() {
            return 1;
        }

        @Override
        public int activeServers() {
            return 1;
        }

        @Override
        public List<? extends ServerView> servers() {
            return List.of();
        }
    }
}
