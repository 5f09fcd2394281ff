package dev.fulcrum.lb;

import dev.fulcrum.testing.Haproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sends the same keys to the real haproxy 2.6 and to our balancers, and checks
 * that both choose the same server: every hash-based algorithm, every hash
 * function with and without avalanche, both hash types, several weight sets
 * (with explicit ids, a common divisor, weight 0) and backups. Skipped when
 * haproxy is not installed.
 */
class HashDifferentialTest {

    private static final int KEYS = 300;
    private static final List<String> HASH_TYPES = List.of(
            "map-based", "map-based djb2", "map-based wt6", "map-based crc32",
            "map-based sdbm avalanche", "map-based djb2 avalanche", "map-based wt6 avalanche",
            "map-based crc32 avalanche", "consistent", "consistent sdbm", "consistent djb2", "consistent wt6",
            "consistent crc32", "consistent crc32 avalanche");
    private static final List<String> SOME_HASH_TYPES = List.of(
            "map-based", "map-based wt6 avalanche", "consistent", "consistent djb2");

    private static final List<List<Farm.Server>> WEIGHTS = List.of(
            servers(1, 1, 1),
            servers(5, 3, 2),
            List.of(new Farm.Server("s1", 3, 10, false, false, ""), new Farm.Server("s2", 1, 1, false, false, ""),
                    new Farm.Server("s3", 8, 7, false, false, ""), new Farm.Server("s4", 2, 3, false, false, ""),
                    Farm.Server.of("s5", 0)),
            servers(2, 4, 6, 8));
    /** Active servers down: all backups share the load (with option allbackups) or only the first does. */
    private static final List<Farm.Server> BACKUPS = List.of(
            new Farm.Server("s1", 0, 1, false, true, ""), new Farm.Server("b1", 10, 3, true, false, ""),
            new Farm.Server("b2", 5, 1, true, false, ""), new Farm.Server("b3", 7, 2, true, false, ""));

    /** How a key becomes a request, for haproxy and for a balancer. */
    record Algo(String balance, String extra, Function<Random, String> keys,
                Function<String, Probe> probe) {
    }

    /** A request as sent to haproxy, and as given to a balancer ({@code exprHash} computed later). */
    record Probe(String target, Map<String, String> headers, TestRequest request, byte[] exprKey) {
    }

    private static Haproxy haproxy;
    private static Farm farm;
    private static final List<Algo> CASE_ALGOS = new ArrayList<>();
    private static final List<Long> SEEDS = new ArrayList<>();

    @BeforeAll
    static void startHaproxy() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        List<Farm.Backend> backends = new ArrayList<>();
        for (Algo a : algorithms()) {
            boolean full = a.balance().startsWith("hdr(x-key)") && !a.balance().contains("use_domain_only");
            for (String hashType : full ? HASH_TYPES : SOME_HASH_TYPES) {
                for (List<Farm.Server> servers : WEIGHTS) {
                    add(backends, a, "hash-type " + hashType + "\n" + a.extra(), servers);
                }
                add(backends, a, "hash-type " + hashType + "\noption allbackups\n" + a.extra(), BACKUPS);
                if (!(a.balance().startsWith("url_param") && hashType.startsWith("map-based"))) {
                    // See urlParamWithoutAllBackupsIsAHaproxyQuirkWeDoNotCopy.
                    add(backends, a, "hash-type " + hashType + "\n" + a.extra(), BACKUPS);
                }
            }
        }
        Farm.Running running = Farm.start(5, backends, "http");
        farm = running.farm();
        haproxy = running.haproxy();
    }

    private static void add(List<Farm.Backend> backends, Algo a, String extra, List<Farm.Server> servers) {
        backends.add(new Farm.Backend(a.balance(), extra, servers));
        CASE_ALGOS.add(a);
        SEEDS.add((long) backends.size());
    }

    @AfterAll
    static void stopHaproxy() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
    }

    private static List<Farm.Server> servers(int... weights) {
        List<Farm.Server> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            out.add(Farm.Server.of("s" + (i + 1), weights[i]));
        }
        return out;
    }

    static List<Algo> algorithms() {
        return List.of(
                new Algo("hdr(x-key)", "", HashDifferentialTest::token, k -> header("x-key", k)),
                // haproxy 2.6 also reads the byte just after the header value: when that byte
                // (the next header, or stale buffer data after the last one) is a dot, it
                // hashes the last label instead. Another header after it keeps that byte a letter.
                new Algo("hdr(x-key) use_domain_only", "", HashDifferentialTest::hostname,
                        k -> new Probe("/", ordered("x-key", k, "x-after", "1"), TestRequest.header("x-key", k), null)),
                new Algo("source", "http-request set-src hdr(x-src)", HashDifferentialTest::address,
                        k -> {
                            TestRequest r = TestRequest.source(ip(k));
                            return new Probe("/", Map.of("x-src", k), r, null);
                        }),
                new Algo("uri", "", HashDifferentialTest::uri, HashDifferentialTest::uriProbe),
                new Algo("uri whole", "", HashDifferentialTest::uri, HashDifferentialTest::uriProbe),
                new Algo("uri len 6 depth 2", "", HashDifferentialTest::uri, HashDifferentialTest::uriProbe),
                new Algo("uri path-only depth 1", "", HashDifferentialTest::uri, HashDifferentialTest::uriProbe),
                new Algo("url_param id", "", HashDifferentialTest::query, HashDifferentialTest::uriProbe),
                new Algo("hash req.hdr(x-key)", "", HashDifferentialTest::token,
                        k -> withExprKey(header("x-key", k), k.getBytes(StandardCharsets.ISO_8859_1))),
                new Algo("hash src", "http-request set-src hdr(x-src)", HashDifferentialTest::address,
                        k -> new Probe("/", Map.of("x-src", k), new TestRequest(), ip(k))),
                // An integer sample is hashed as 8 bytes, big-endian.
                new Algo("hash req.hdr(x-key),crc32", "", HashDifferentialTest::token,
                        k -> withExprKey(header("x-key", k), ByteBuffer.allocate(8)
                                .putLong(Integer.toUnsignedLong(HashFunction.CRC32.hash(k))).array())));
    }

    private static Probe header(String name, String value) {
        return new Probe("/", Map.of(name, value), TestRequest.header(name, value), null);
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    private static Probe withExprKey(Probe p, byte[] key) {
        return new Probe(p.target(), p.headers(), p.request(), key);
    }

    private static Probe uriProbe(String target) {
        return new Probe(target, Map.of(), TestRequest.uri(target), null);
    }

    private static byte[] ip(String text) {
        try {
            return InetAddress.ofLiteral(text).getAddress();
        } catch (IllegalArgumentException e) {
            throw new AssertionError(text, e);
        }
    }

    private static String pick(Random r, String alphabet, int min, int max) {
        StringBuilder b = new StringBuilder();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static String token(Random r) {
        return pick(r, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./~", 1, 24);
    }

    static String hostname(Random r) {
        List<String> labels = new ArrayList<>();
        for (int i = r.nextInt(5); i >= 0; i--) {
            labels.add(pick(r, "abcxyz019-_", 1, 6));
        }
        String h = String.join(r.nextInt(10) == 0 ? ".." : ".", labels);
        return switch (r.nextInt(8)) {
            case 0 -> h + ":8080";
            case 1 -> "." + h;
            case 2 -> h + ", other.example.com";
            default -> h;
        };
    }

    static String address(Random r) {
        byte[] b = new byte[r.nextInt(3) == 0 ? 16 : 4];
        r.nextBytes(b);
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String uri(Random r) {
        StringBuilder p = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            p.append('/').append(pick(r, "abcxyz019-_.%~", 0, 6));
        }
        if (p.isEmpty() || r.nextInt(5) == 0) {
            p.append('/');
        }
        if (r.nextBoolean()) {
            p.append('?').append(pick(r, "ab=&12/", 0, 10));
        }
        if (r.nextInt(4) == 0) {
            p.insert(0, "http://h" + r.nextInt(4) + ".example" + (r.nextBoolean() ? ":8080" : ""));
        }
        return p.toString();
    }

    static String query(Random r) {
        String v = pick(r, "abcXYZ0189-_.%~+*!$'()=,;:@/?", 0, 10);
        String other = List.of("a=1", "b=xx", "idx=5", "xid=7", "ID=8", "foo", "").get(r.nextInt(7));
        return switch (r.nextInt(7)) {
            case 0 -> "/p?id=" + v;
            case 1 -> "/p?" + other + "&id=" + v;
            case 2 -> "/p?id=" + v + "&" + other;
            case 3 -> "/p?id=" + v + "&id=second";
            case 4 -> "/p;id=zz?id=" + v;
            case 5 -> "/p/id=" + v + "?a=1&id=" + v + "2";
            default -> "/p?x=1&&id=" + v;
        };
    }

    @Test
    void everyHashAlgorithmPicksTheSameServerAsHaproxy() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < farm.backends.size(); i++) {
            Farm.Backend b = farm.backends.get(i);
            Algo algo = CASE_ALGOS.get(i);
            List<TestServer> servers = b.testServers();
            LbOptions options = options(b);
            Balancer balancer = Balancer.create(options, servers);
            Random random = new Random(SEEDS.get(i));
            try (HaproxyProbe.Http http = new HaproxyProbe.Http(farm.port(i))) {
                for (int k = 0; k < KEYS; k++) {
                    Probe p = algo.probe().apply(algo.keys().apply(random));
                    if (p.exprKey() != null) {
                        p.request().exprHash = balancer.hash(p.exprKey(), 0, p.exprKey().length);
                    }
                    String expected = http.get(p.target(), p.headers(), "x-server");
                    LbServer got = balancer.pick(p.request(), null);
                    compared++;
                    if (got == null || !got.name().equals(expected)) {
                        mismatches.add("balance " + b.balance() + " / " + b.extra().replace('\n', ' ') + " "
                                + servers + ": " + p.target() + " " + p.headers() + " -> haproxy " + expected
                                + ", ours " + got);
                    }
                }
            }
        }
        assertThat(mismatches).as("of %d keys", compared).isEmpty();
        assertThat(compared).isGreaterThan(50_000);
    }

    /** Our options for a farm backend, parsed from its load-balancing lines (other lines are for haproxy only). */
    static LbOptions options(Farm.Backend b) {
        StringBuilder text = new StringBuilder("backend x\n mode http\n balance ").append(b.balance()).append('\n');
        for (String line : b.extra().split("\n")) {
            if (line.startsWith("hash-") || line.startsWith("option allbackups")) {
                text.append(line).append('\n');
            }
        }
        var r = dev.fulcrum.config.ConfigLoader.standard().loadText("farm.cfg", text.toString());
        assertThat(r.diagnostics().alerts()).isEmpty();
        return LbOptions.of(r.config().backend("x"));
    }
}
