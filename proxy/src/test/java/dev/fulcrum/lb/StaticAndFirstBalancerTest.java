package dev.fulcrum.lb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected orders were observed on haproxy 2.6 (see RoundRobinDifferentialTest and ConnectionDifferentialTest). */
class StaticAndFirstBalancerTest {

    private static Balancer create(BalanceSpec spec, boolean allBackups, TestServer... servers) {
        return Balancer.create(new LbOptions(spec, HashSpec.DEFAULT, 0, allBackups), List.of(servers));
    }

    @Test
    void staticRoundRobinSpreadsEachServersTurns() {
        Balancer b = create(new BalanceSpec.StaticRoundRobin(), false, TestServer.weighted(5, 3, 2));
        assertThat(RoundRobinBalancerTest.picks(b, 20))
                .isEqualTo("s1 s1 s2 s1 s3 s1 s2 s1 s2 s3 s1 s1 s2 s1 s3 s1 s2 s1 s2 s3");
    }

    @Test
    void staticRoundRobinKeepsItsPlaceWhenTheTableIsRebuilt() {
        TestServer[] s = TestServer.weighted(4, 6, 2, 6);
        Balancer b = create(new BalanceSpec.StaticRoundRobin(), false, s);
        assertThat(RoundRobinBalancerTest.picks(b, 3)).isEqualTo("s1 s2 s4");
        s[0].usable = false;
        b.update(s[0]);
        // haproxy continues at entry 3 of the new table (weights divided by 2, the configured weights' gcd).
        assertThat(RoundRobinBalancerTest.picks(b, 14)).isEqualTo("s2 s4 s2 s4 s2 s3 s4 s2 s4 s2 s4 s2 s3 s4");
    }

    @Test
    void staticRoundRobinSkipsFullServers() {
        TestServer[] s = TestServer.weighted(1, 1, 2);
        s[0].maxconn = 1;
        assertThat(LoadScript.run(create(new BalanceSpec.StaticRoundRobin(), false, s), "o8"))
                .isEqualTo("s1 s3 s2 s3 s3 s2 s3 s3");
    }

    @Test
    void staticRoundRobinWithAllBackups() {
        TestServer s1 = TestServer.active(1, 1);
        s1.usable = false;
        Balancer b = create(new BalanceSpec.StaticRoundRobin(), true, s1, new TestServer(10, "b1", 3, true),
                new TestServer(5, "b2", 1, true), new TestServer(7, "b3", 2, true));
        assertThat(RoundRobinBalancerTest.picks(b, 12)).isEqualTo("b1 b1 b3 b1 b2 b3 b1 b1 b3 b1 b2 b3");
    }

    @Test
    void firstFillsServersInIdOrder() {
        TestServer[] s = {new TestServer(5, "s1", 1, false), new TestServer(2, "s2", 1, false),
                new TestServer(9, "s3", 1, false)};
        s[0].maxconn = 1;
        s[1].maxconn = 1;
        Balancer b = create(new BalanceSpec.First(), false, s);
        assertThat(LoadScript.run(b, "o4 c1 o1")).isEqualTo("s2 s1 s3 s3 s1");
    }

    @Test
    void firstUsesTheNextServerOnceOneIsFull() {
        TestServer[] s = TestServer.weighted(1, 1, 1);
        for (TestServer t : s) {
            t.maxconn = 2;
        }
        Balancer b = create(new BalanceSpec.First(), false, s);
        assertThat(LoadScript.run(b, "o5 c0 o1")).isEqualTo("s1 s1 s2 s2 s3 s1");
        assertThat(LoadScript.run(b, "o1")).isEqualTo("s3");
        assertThat(b.pick(LbRequest.NONE, null)).as("all full").isNull();
    }

    @Test
    void firstIgnoresWeightsButNotWeightZero() {
        TestServer[] s = TestServer.weighted(0, 200, 1);
        Balancer b = create(new BalanceSpec.First(), false, s);
        assertThat(b.pick(LbRequest.NONE, null)).isSameAs(s[1]);
        assertThat(b.pick(LbRequest.NONE, s[1])).isSameAs(s[2]);
    }
}
