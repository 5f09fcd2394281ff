package dev.fulcrum.lb;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected sequences were recorded from haproxy 2.6 ({@code balance roundrobin},
 * one thread, weights and states changed through its stats socket), see
 * RoundRobinDifferentialTest for the live comparison.
 */
class RoundRobinBalancerTest {

    static Balancer roundRobin(boolean allBackups, LbServer... servers) {
        return Balancer.create(new LbOptions(new BalanceSpec.RoundRobin(), HashSpec.DEFAULT, 0, allBackups),
                List.of(servers));
    }

    static String picks(Balancer b, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LbServer s = b.pick(LbRequest.NONE, null);
            out.add(s == null ? "-" : s.name());
        }
        return String.join(" ", out);
    }

    @Test
    void followsHaproxysWeightedOrder() {
        TestServer a = new TestServer(1, "A", 5, false);
        TestServer b = new TestServer(2, "B", 3, false);
        TestServer c = new TestServer(3, "C", 2, false);
        Balancer rr = roundRobin(false, a, b, c);
        assertThat(picks(rr, 30)).isEqualTo("A B A C A B A B A C A B A C A B A B A C A B A C A B A B A C");
    }

    @Test
    void aWeightChangeTakesEffectAtOnce() {
        TestServer s1 = TestServer.active(1, 5);
        TestServer s2 = TestServer.active(2, 3);
        TestServer s3 = TestServer.active(3, 2);
        Balancer rr = roundRobin(false, s1, s2, s3);
        assertThat(picks(rr, 7)).isEqualTo("s1 s2 s1 s3 s1 s2 s1");
        s1.weight = 1;
        rr.update(s1);
        assertThat(picks(rr, 20)).isEqualTo("s2 s3 s2 s3 s2 s1 s2 s3 s2 s3 s2 s1 s2 s3 s2 s3 s2 s1 s2 s3");
    }

    @Test
    void aHeavierServerIsRescheduledNoSoonerThanTwoPicksAhead() {
        TestServer s1 = TestServer.active(1, 1);
        TestServer s2 = TestServer.active(2, 1);
        TestServer s3 = TestServer.active(3, 1);
        Balancer rr = roundRobin(false, s1, s2, s3);
        assertThat(picks(rr, 4)).isEqualTo("s1 s2 s3 s1");
        s3.weight = 3;
        rr.update(s3);
        assertThat(picks(rr, 20)).isEqualTo("s2 s3 s1 s3 s3 s2 s3 s1 s3 s3 s2 s3 s1 s3 s3 s2 s3 s1 s3 s3");
    }

    @Test
    void aServerLeavingAndComingBackRejoinsTheRotation() {
        TestServer s1 = TestServer.active(1, 1);
        TestServer s2 = TestServer.active(2, 1);
        TestServer s3 = TestServer.active(3, 1);
        Balancer rr = roundRobin(false, s1, s2, s3);
        assertThat(picks(rr, 4)).isEqualTo("s1 s2 s3 s1");
        s2.usable = false;
        rr.update(s2);
        assertThat(picks(rr, 10)).isEqualTo("s3 s1 s3 s1 s3 s1 s3 s1 s3 s1");
        s2.usable = true;
        rr.update(s2);
        assertThat(picks(rr, 9)).isEqualTo("s3 s1 s2 s3 s1 s2 s3 s1 s2");
    }

    @Test
    void weightZeroGetsNothingAndAllDownGivesNull() {
        TestServer s1 = TestServer.active(1, 0);
        TestServer s2 = TestServer.active(2, 1);
        TestServer s3 = TestServer.active(3, 2);
        Balancer rr = roundRobin(false, s1, s2, s3);
        assertThat(picks(rr, 9)).isEqualTo("s3 s3 s2 s3 s3 s2 s3 s3 s2");
        s2.usable = false;
        s3.weight = 0;
        rr.update(s2);
        rr.update(s3);
        assertThat(rr.available()).isFalse();
        assertThat(rr.pick(LbRequest.NONE, null)).isNull();
    }

    @Test
    void aFullServerLosesItsTurn() {
        TestServer s1 = TestServer.active(1, 1);
        TestServer s2 = TestServer.active(2, 1);
        TestServer s3 = TestServer.active(3, 2);
        s1.maxconn = 1;
        Balancer rr = roundRobin(false, s1, s2, s3);
        // haproxy, with connections held open and s1 at "maxconn 1": 3 1 3 2 3 3 2 3
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestServer s = (TestServer) rr.pick(LbRequest.NONE, null);
            s.load++;
            seen.add(s.name());
        }
        assertThat(String.join(" ", seen)).isEqualTo("s3 s1 s3 s2 s3 s3 s2 s3");
    }

    @Test
    void avoidedServerIsUsedOnlyWhenItIsTheOnlyOne() {
        TestServer s1 = TestServer.active(1, 1);
        TestServer s2 = TestServer.active(2, 1);
        Balancer rr = roundRobin(false, s1, s2);
        for (int i = 0; i < 10; i++) {
            assertThat(rr.pick(LbRequest.NONE, s1)).isSameAs(s2);
        }
        s2.usable = false;
        rr.update(s2);
        assertThat(rr.pick(LbRequest.NONE, s1)).isSameAs(s1);
    }

    @Test
    void backupsServeOnlyWhenNoActiveServerIsUsable() {
        TestServer s1 = TestServer.active(1, 1);
        TestServer b1 = new TestServer(10, "b1", 3, true);
        TestServer b2 = new TestServer(5, "b2", 1, true);
        TestServer b3 = new TestServer(7, "b3", 2, true);
        Balancer first = roundRobin(false, s1, b1, b2, b3);
        Balancer all = roundRobin(true, s1, b1, b2, b3);
        assertThat(picks(first, 3)).isEqualTo("s1 s1 s1");
        s1.usable = false;
        first.update(s1);
        all.update(s1);
        // The first backup in declaration order, not the lowest id.
        assertThat(picks(first, 6)).isEqualTo("b1 b1 b1 b1 b1 b1");
        assertThat(picks(all, 12)).isEqualTo("b1 b3 b1 b2 b1 b3 b1 b3 b1 b2 b1 b3");
        b1.usable = false;
        first.update(b1);
        assertThat(picks(first, 3)).isEqualTo("b2 b2 b2");
        s1.usable = true;
        first.update(s1);
        assertThat(picks(first, 2)).isEqualTo("s1 s1");
    }
}
