package dev.fulcrum.lb;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Picks allocate nothing, and balancers stay consistent when event loops pick while servers change. */
class BalancerHotPathTest {

    /** A request whose parts are prepared once, so that reading them allocates nothing. */
    private static final class FixedRequest implements LbRequest {
        private final byte[] source = {10, 1, 2, 3};
        private final String uri = "http://example.com/a/b/c?id=1234&x=y";
        private final String header = "www.example.com";
        private final String cookie = "user42";

        @Override
        public byte[] sourceAddress() {
            return source;
        }

        @Override
        public CharSequence uri() {
            return uri;
        }

        @Override
        public CharSequence header(String name) {
            return header;
        }

        @Override
        public CharSequence rdpCookie(String name) {
            return cookie;
        }

        @Override
        public long exprHash() {
            return 0x9e3779b9L;
        }
    }

    private static List<BalanceSpec> algorithms() {
        return List.of(new BalanceSpec.RoundRobin(), new BalanceSpec.StaticRoundRobin(), new BalanceSpec.LeastConn(),
                new BalanceSpec.First(), new BalanceSpec.Random(2), new BalanceSpec.Source(),
                new BalanceSpec.Uri(false, 0, 2, true), new BalanceSpec.UrlParam("id", false),
                new BalanceSpec.Hdr("host", true), new BalanceSpec.RdpCookie("mstshash"), new BalanceSpec.Hash("src"));
    }

    private static List<TestServer> servers() {
        List<TestServer> s = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            s.add(i > 10 ? TestServer.backup(i, i) : TestServer.active(i, 1 + i * 7 % 20));
        }
        return s;
    }

    @Test
    void picksAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LbRequest request = new FixedRequest();
        long probe = threads.getCurrentThreadAllocatedBytes();
        byte[] sink = new byte[64 * 1024];
        assertThat(threads.getCurrentThreadAllocatedBytes() - probe).as("the measure works")
                .isGreaterThanOrEqualTo(sink.length);
        for (BalanceSpec spec : algorithms()) {
            for (HashSpec.Method method : HashSpec.Method.values()) {
                List<TestServer> servers = servers();
                Balancer b = Balancer.create(new LbOptions(spec, new HashSpec(method, HashFunction.WT6, true), 0,
                        false), servers);
                for (int i = 0; i < 50_000; i++) {
                    churn(b, request, servers.get(i % 3));
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 50_000; i++) {
                    churn(b, request, servers.get(i % 3));
                }
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertThat(allocated).as("%s, %s", spec, method).isLessThan(4096);
            }
        }
    }

    /** One request's worth of calls: a pick, then its connection starting and ending. */
    private static void churn(Balancer b, LbRequest request, LbServer avoid) {
        TestServer s = (TestServer) b.pick(request, avoid);
        s.load++;
        b.loadChanged(s);
        s.load--;
        b.loadChanged(s);
    }

    @Test
    void concurrentPicksAndUpdatesStayConsistent() throws Exception {
        for (BalanceSpec spec : algorithms()) {
            List<TestServer> servers = servers();
            Balancer b = Balancer.create(new LbOptions(spec, new HashSpec(HashSpec.Method.CONSISTENT,
                    HashFunction.SDBM, true), 0, true), servers);
            Set<LbServer> known = Set.copyOf(servers);
            Set<LbServer> picked = ConcurrentHashMap.newKeySet();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        TestRequest r = new TestRequest();
                        for (int i = 0; i < 20_000; i++) {
                            r.uri = "/p?id=" + (i * 31 + seed);
                            r.headers.put("host", "h" + i);
                            r.source = new byte[] {10, 0, (byte) seed, (byte) i};
                            LbServer s = b.pick(r, null);
                            if (s != null) {
                                picked.add(s);
                                b.loadChanged(s);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    java.util.Random random = new java.util.Random(1);
                    for (int i = 0; i < 5_000; i++) {
                        TestServer s = servers.get(random.nextInt(servers.size()));
                        if (random.nextBoolean()) {
                            s.usable = !s.usable;
                        } else {
                            s.weight = random.nextInt(257);
                        }
                        b.update(s);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failure.get()).as(spec.toString()).isNull();
            assertThat(known).as(spec.toString()).containsAll(picked);
            // Once quiet, the balancer agrees with the servers' final state.
            for (TestServer s : servers) {
                s.usable = s.id() == 3;
                s.weight = 5;
                b.update(s);
            }
            assertThat(b.pick(new TestRequest(), null)).as(spec.toString()).isSameAs(servers.get(2));
        }
    }
}
