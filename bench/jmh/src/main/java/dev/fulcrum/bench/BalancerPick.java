package dev.fulcrum.bench;

import dev.fulcrum.lb.Balancer;
import dev.fulcrum.lb.LbOptions;
import dev.fulcrum.lb.LbRequest;
import dev.fulcrum.lb.LbServer;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One load-balancing decision and its release, as the data path makes it per
 * request: {@code pick}, the server's load goes up, then down again when the
 * exchange ends. Ten servers with unequal weights.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BalancerPick {

    @Param({"roundrobin", "static-rr", "leastconn", "random", "uri consistent", "uri map-based"})
    public String algorithm;

    private Balancer balancer;
    private final String[] uris = new String[64];
    private int next;
    private final UriRequest request = new UriRequest();

    @Setup
    public void setUp() {
        String[] words = algorithm.split(" ");
        String config = "defaults\n  mode http\nbackend be\n  balance " + words[0] + "\n"
                + (words.length > 1 ? "  hash-type " + words[1] + "\n" : "");
        LbOptions options = LbOptions.of(Bench.parse(config).backend("be"));
        List<Srv> servers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            servers.add(new Srv(i + 1, "s" + (i + 1), 1 + (i * 7) % 10));
        }
        balancer = Balancer.create(options, servers);
        for (int i = 0; i < uris.length; i++) {
            uris[i] = "/static/img/" + i * 7919 + ".png";
        }
    }

    @Benchmark
    public LbServer pickAndRelease() {
        request.uri = uris[next++ & (uris.length - 1)];
        Srv s = (Srv) balancer.pick(request, null);
        s.load++;
        balancer.loadChanged(s);
        s.load--;
        balancer.loadChanged(s);
        return s;
    }

    private static final class UriRequest implements LbRequest {
        String uri;

        @Override
        public CharSequence uri() {
            return uri;
        }
    }

    private static final class Srv implements LbServer {
        private final int id;
        private final String name;
        private final int weight;
        int load;

        Srv(int id, String name, int weight) {
            this.id = id;
            this.name = name;
            this.weight = weight;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int weight() {
            return weight;
        }

        @Override
        public boolean backup() {
            return false;
        }

        @Override
        public boolean usable() {
            return true;
        }

        @Override
        public int load() {
            return load;
        }

        @Override
        public boolean full() {
            return false;
        }
    }
}
