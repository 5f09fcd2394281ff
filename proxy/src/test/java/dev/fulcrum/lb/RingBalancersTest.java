package dev.fulcrum.lb;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Consistent hashing, bounded load and random: properties the documentation promises. */
class RingBalancersTest {

    private static final HashSpec CONSISTENT = new HashSpec(HashSpec.Method.CONSISTENT, HashFunction.SDBM, true);

    private static List<TestServer> servers(int... weights) {
        List<TestServer> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            out.add(TestServer.active(i + 1, weights[i]));
        }
        return out;
    }

    private static Map<String, LbServer> assign(Balancer b, int keys) {
        Map<String, LbServer> out = new HashMap<>();
        for (int k = 0; k < keys; k++) {
            String key = "user-" + k;
            out.put(key, b.pick(TestRequest.header("x-id", key), null));
        }
        return out;
    }

    private static Balancer consistent(List<TestServer> servers, int factor) {
        return Balancer.create(new LbOptions(new BalanceSpec.Hdr("x-id", false), CONSISTENT, factor, false), servers);
    }

    @Test
    void aWeightChangeOnlyMovesKeysToOrFromThatServer() {
        List<TestServer> s = servers(4, 4, 4, 4);
        Balancer b = consistent(s, 0);
        Map<String, LbServer> before = assign(b, 4000);
        s.get(1).weight = 1;
        b.update(s.get(1));
        Map<String, LbServer> after = assign(b, 4000);
        int moved = 0;
        for (String key : before.keySet()) {
            if (before.get(key) != after.get(key)) {
                moved++;
                assertThat(before.get(key)).as(key).isSameAs(s.get(1));
            }
        }
        assertThat(moved).isGreaterThan(400);
    }

    @Test
    void aServerGoingDownOnlyMovesItsOwnKeys() {
        List<TestServer> s = servers(1, 2, 3, 1);
        Balancer b = consistent(s, 0);
        Map<String, LbServer> before = assign(b, 4000);
        s.get(2).usable = false;
        b.update(s.get(2));
        Map<String, LbServer> after = assign(b, 4000);
        for (String key : before.keySet()) {
            if (before.get(key) != s.get(2)) {
                assertThat(after.get(key)).as(key).isSameAs(before.get(key));
            } else {
                assertThat(after.get(key)).isNotSameAs(s.get(2));
            }
        }
    }

    @Test
    void avoidMovesAKeyToAnotherServer() {
        List<TestServer> s = servers(1, 1, 1);
        Balancer b = consistent(s, 0);
        for (int k = 0; k < 200; k++) {
            TestRequest r = TestRequest.header("x-id", "k" + k);
            LbServer first = b.pick(r, null);
            assertThat(b.pick(r, first)).isNotNull().isNotSameAs(first);
        }
    }

    @Test
    void hashBalanceFactorKeepsAnOverloadedServerFromTakingMore() {
        List<TestServer> s = servers(1, 1, 1);
        Balancer bounded = consistent(s, 125);
        Map<String, LbServer> before = assign(bounded, 2000);
        s.get(0).load = 10;
        Map<String, LbServer> after = assign(bounded, 2000);
        // 11 requests * 125% = 14 slots, 5 per server: s1 with 10 is out of bounds.
        assertThat(after.values()).doesNotContain(s.get(0));
        for (String key : before.keySet()) {
            if (before.get(key) != s.get(0)) {
                assertThat(after.get(key)).isSameAs(before.get(key));
            }
        }
    }

    @Test
    void randomDrawsInProportionToWeights() {
        List<TestServer> s = servers(3, 1);
        Balancer b = Balancer.create(LbOptions.of(new BalanceSpec.Random(1)), s);
        int heavy = 0;
        for (int i = 0; i < 8000; i++) {
            heavy += b.pick(LbRequest.NONE, null) == s.get(0) ? 1 : 0;
        }
        // Expected 6000; the ring's unevenness and chance stay far within this band.
        assertThat(heavy).isBetween(5000, 7000);
    }

    @Test
    void randomOfTwoPrefersTheLessLoaded() {
        List<TestServer> s = servers(1, 1);
        s.get(0).load = 50;
        Balancer two = Balancer.create(LbOptions.of(new BalanceSpec.Random(2)), s);
        Balancer one = Balancer.create(LbOptions.of(new BalanceSpec.Random(1)), s);
        int loadedWithTwo = 0;
        int loadedWithOne = 0;
        for (int i = 0; i < 8000; i++) {
            loadedWithTwo += two.pick(LbRequest.NONE, null) == s.get(0) ? 1 : 0;
            loadedWithOne += one.pick(LbRequest.NONE, null) == s.get(0) ? 1 : 0;
        }
        // The loaded server only wins when both draws hit it: about a quarter of the time, versus a half.
        assertThat(loadedWithTwo).isBetween(1000, 3000);
        assertThat(loadedWithOne).isBetween(3000, 5000);
    }

    @Test
    void randomWithEqualLoadsStillUsesEveryServer() {
        List<TestServer> s = servers(1, 1, 1);
        Balancer b = Balancer.create(LbOptions.of(new BalanceSpec.Random(3)), s);
        java.util.Set<LbServer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            seen.add(b.pick(LbRequest.NONE, null));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(s);
        s.forEach(t -> t.usable = false);
        s.forEach(b::update);
        assertThat(b.pick(LbRequest.NONE, null)).isNull();
    }
}
