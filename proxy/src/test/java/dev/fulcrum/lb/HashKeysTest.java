package dev.fulcrum.lb;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What part of a request each hash-based algorithm hashes. Each equivalence
 * below ("hashes like") was observed on haproxy 2.6: both requests went to the
 * same server for many server sets, and HashDifferentialTest checks the same
 * rules on thousands of random keys.
 */
class HashKeysTest {

    /** Several server sets, so that two keys landing together everywhere means they hash alike. */
    private static List<Balancer> balancers(BalanceSpec spec) {
        List<Balancer> out = new ArrayList<>();
        for (HashSpec.Method method : HashSpec.Method.values()) {
            for (int n : new int[] {7, 11, 13, 17}) {
                out.add(Balancer.create(new LbOptions(spec, new HashSpec(method, HashFunction.SDBM, false), 0, false),
                        servers(n)));
            }
        }
        return out;
    }

    private static List<TestServer> servers(int n) {
        List<TestServer> servers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            servers.add(TestServer.active(i, 1 + i % 3));
        }
        return servers;
    }

    private static void assertSameServer(BalanceSpec spec, TestRequest a, TestRequest b) {
        for (Balancer bal : balancers(spec)) {
            assertThat(bal.pick(a, null)).isSameAs(bal.pick(b, null));
        }
    }

    private static void assertNotAlwaysSameServer(BalanceSpec spec, TestRequest a, TestRequest b) {
        assertThat(balancers(spec)).anyMatch(bal -> bal.pick(a, null) != bal.pick(b, null));
    }

    private static TestRequest hdr(String v) {
        return TestRequest.header("X-Key", v);
    }

    @Test
    void headerHashesItsFirstValueTrimmed() {
        BalanceSpec h = new BalanceSpec.Hdr("x-key", false);
        assertSameServer(h, hdr("alpha, beta"), hdr("alpha"));
        assertSameServer(h, hdr("  alpha \t"), hdr("alpha"));
        assertNotAlwaysSameServer(h, hdr("alpha"), hdr("beta"));
    }

    @Test
    void useDomainOnlyHashesTheLabelBeforeTheLastDot() {
        BalanceSpec h = new BalanceSpec.Hdr("x-key", true);
        BalanceSpec plain = new BalanceSpec.Hdr("x-key", false);
        String[][] cases = {
                {"haproxy.1wt.eu", "1wt"}, {"www.example.com", "example"}, {"www.example.com:8080", "example"},
                {"example.com", "example"}, {"a.b.", "b"}, {"a..b", "a."}, {"1.2.3.4", "3"},
                {"localhost:8080", "localhost:8080"}, {".zx110a", ".zx110a"},
        };
        for (HashSpec.Method method : HashSpec.Method.values()) {
            HashSpec hash = new HashSpec(method, HashFunction.SDBM, false);
            for (int n : new int[] {7, 11, 13, 17}) {
                List<TestServer> servers = servers(n);
                Balancer domain = Balancer.create(new LbOptions(h, hash, 0, false), servers);
                Balancer whole = Balancer.create(new LbOptions(plain, hash, 0, false), servers);
                for (String[] c : cases) {
                    assertThat(domain.pick(hdr(c[0]), null)).as(c[0]).isSameAs(whole.pick(hdr(c[1]), null));
                }
            }
        }
    }

    @Test
    void uriOptionsSelectThePartHashed() {
        assertSameServer(new BalanceSpec.Uri(false, 0, 0, false), TestRequest.uri("/a/b?x=1"), TestRequest.uri("/a/b"));
        assertNotAlwaysSameServer(new BalanceSpec.Uri(true, 0, 0, false), TestRequest.uri("/a/b?x=1"),
                TestRequest.uri("/a/b"));
        assertSameServer(new BalanceSpec.Uri(false, 0, 2, false), TestRequest.uri("/a/b/c/d"), TestRequest.uri("/a/b"));
        assertSameServer(new BalanceSpec.Uri(false, 3, 0, false), TestRequest.uri("/abcdef"), TestRequest.uri("/ab"));
        assertSameServer(new BalanceSpec.Uri(false, 0, 0, true), TestRequest.uri("http://h.example:8080/a/b?q"),
                TestRequest.uri("/a/b"));
        assertNotAlwaysSameServer(new BalanceSpec.Uri(false, 0, 0, false),
                TestRequest.uri("http://h.example/a/b"), TestRequest.uri("/a/b"));
        // path-only applies first, then len, then depth.
        assertSameServer(new BalanceSpec.Uri(false, 4, 1, true), TestRequest.uri("http://h/ab/cd"),
                TestRequest.uri("/ab"));
    }

    @Test
    void urlParamTakesTheFirstMatchingParameter() {
        BalanceSpec p = new BalanceSpec.UrlParam("id", false);
        assertSameServer(p, TestRequest.uri("/p?a=1&id=42&id=7"), TestRequest.uri("/x?id=42"));
        assertSameServer(p, TestRequest.uri("/p;id=7?id=42"), TestRequest.uri("/x?id=42"));
        assertSameServer(p, TestRequest.uri("/p?a=1;id=7&id=42"), TestRequest.uri("/x?id=42"));
        // An empty value is hashed; no '=' means no parameter.
        assertSameServer(p, TestRequest.uri("/p?id="), TestRequest.uri("/q?x=1&id=&y"));
    }

    @Test
    void urlParamWithCheckPostLooksInTheBody() {
        BalanceSpec p = new BalanceSpec.UrlParam("id", true);
        TestRequest post = TestRequest.uri("/form");
        post.body = "name=x&id=42 trailing";
        assertSameServer(p, post, TestRequest.uri("/x?id=42"));
    }

    @Test
    void sourceXorsTheAddressWords() {
        BalanceSpec s = new BalanceSpec.Source();
        byte[] v6 = new byte[16];
        v6[15] = 1;
        v6[0] = 127;
        // 7f00:: ... :1 folds to 0x7f000000 ^ 0x00000001, the word of 127.0.0.1
        assertSameServer(s, TestRequest.source(v6), TestRequest.source(new byte[] {127, 0, 0, 1}));
    }

    @Test
    void requestsWithoutAKeyGoRoundRobin() {
        for (BalanceSpec spec : List.of(new BalanceSpec.Hdr("x-key", false), new BalanceSpec.UrlParam("id", false),
                new BalanceSpec.Source(), new BalanceSpec.RdpCookie("mstshash"), new BalanceSpec.Hash("src"))) {
            for (HashSpec.Method method : HashSpec.Method.values()) {
                List<TestServer> servers = List.of(TestServer.active(1, 1), TestServer.active(2, 1),
                        TestServer.active(3, 1));
                Balancer b = Balancer.create(new LbOptions(spec, new HashSpec(method, HashFunction.SDBM, false), 0,
                        false), servers);
                java.util.Set<LbServer> seen = new java.util.HashSet<>();
                for (TestRequest r : List.of(hdr(""), hdr(" , x"), TestRequest.uri("/p?id"), TestRequest.uri("/"),
                        new TestRequest(), new TestRequest(), new TestRequest())) {
                    seen.add(b.pick(r, null));
                }
                assertThat(seen).as("%s %s", spec, method).containsExactlyInAnyOrderElementsOf(servers);
            }
        }
    }
}
