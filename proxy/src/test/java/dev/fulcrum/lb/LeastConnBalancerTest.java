package dev.fulcrum.lb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected orders were observed on haproxy 2.6 with connections held open (see ConnectionDifferentialTest). */
class LeastConnBalancerTest {

    private static Balancer leastconn(boolean allBackups, TestServer... servers) {
        return Balancer.create(new LbOptions(new BalanceSpec.LeastConn(), HashSpec.DEFAULT, 0, allBackups),
                List.of(servers));
    }

    @Test
    void rotatesAmongEquallyLoadedServers() {
        Balancer b = leastconn(false, TestServer.weighted(1, 1, 1));
        // haproxy: 1 2 3 1 2 3, then 2 (after closing a connection on s2), then 1 1, then q: 3 2 1 3 2 1
        assertThat(LoadScript.run(b, "o6 c1 o1 c0 c3 o2 q6"))
                .isEqualTo("s1 s2 s3 s1 s2 s3 s2 s1 s1 s3 s2 s1 s3 s2 s1");
    }

    @Test
    void idleServersRotateWhateverTheirWeights() {
        Balancer b = leastconn(false, TestServer.weighted(3, 1, 2));
        assertThat(LoadScript.run(b, "q7 o3 q5")).isEqualTo("s1 s2 s3 s1 s2 s3 s1 s2 s3 s1 s1 s1 s1 s1 s1");
    }

    @Test
    void loadCountsRelativeToWeight() {
        Balancer b = leastconn(false, TestServer.weighted(1, 2, 3));
        assertThat(LoadScript.run(b, "o12")).isEqualTo("s1 s2 s3 s3 s2 s3 s3 s2 s3 s1 s2 s3");
    }

    @Test
    void queuedRequestsCountAsLoad() {
        TestServer[] s = TestServer.weighted(1, 1);
        Balancer b = leastconn(false, s);
        s[0].load = 3; // e.g. one connection served, two waiting in its queue
        b.loadChanged(s[0]);
        s[1].load = 2;
        b.loadChanged(s[1]);
        assertThat(b.pick(LbRequest.NONE, null)).isSameAs(s[1]);
    }

    @Test
    void skipsFullAndAvoidedServers() {
        TestServer[] s = TestServer.weighted(10, 1, 1);
        s[0].maxconn = 1;
        Balancer b = leastconn(false, s);
        assertThat(LoadScript.run(b, "o6")).isEqualTo("s1 s2 s3 s2 s3 s2");
        s[1].load = 0;
        b.loadChanged(s[1]);
        assertThat(b.pick(LbRequest.NONE, s[1])).isSameAs(s[2]);
        s[2].usable = false;
        b.update(s[2]);
        assertThat(b.pick(LbRequest.NONE, s[1])).as("only the avoided one is left").isSameAs(s[1]);
        s[1].maxconn = 1;
        s[1].load = 1;
        assertThat(b.pick(LbRequest.NONE, null)).as("all full").isNull();
        assertThat(b.available()).isTrue();
    }

    @Test
    void backupsShareTheLoadWithAllBackups() {
        TestServer s1 = TestServer.active(1, 1);
        TestServer b1 = new TestServer(10, "b1", 3, true);
        TestServer b2 = new TestServer(5, "b2", 1, true);
        TestServer b3 = new TestServer(7, "b3", 2, true);
        s1.usable = false;
        assertThat(LoadScript.run(leastconn(true, s1, b1, b2, b3), "q6")).isEqualTo("b1 b2 b3 b1 b2 b3");
        assertThat(LoadScript.run(leastconn(false, s1, b1, b2, b3), "q3")).isEqualTo("b1 b1 b1");
    }

    @Test
    void weightZeroAndDownServersGetNothing() {
        TestServer[] s = TestServer.weighted(1, 0, 1);
        Balancer b = leastconn(false, s);
        assertThat(LoadScript.run(b, "q4")).isEqualTo("s1 s3 s1 s3");
        s[0].usable = false;
        s[2].usable = false;
        b.update(s[0]);
        b.update(s[2]);
        assertThat(b.pick(LbRequest.NONE, null)).isNull();
        assertThat(b.available()).isFalse();
    }
}
