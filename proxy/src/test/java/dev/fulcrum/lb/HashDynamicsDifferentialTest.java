package dev.fulcrum.lb;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.Ports;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hash-based balancing against the real haproxy 2.6 beyond fixed server sets:
 * the round-robin fallback for requests without a key, weight and state changes
 * through the stats socket, the RDP cookie of a TCP request, and one HAProxy
 * quirk we deliberately do not copy. Skipped when haproxy is not installed.
 */
class HashDynamicsDifferentialTest {

    @BeforeAll
    static void needsHaproxy() {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
    }

    private static Farm farm(String mode, List<Farm.Backend> backends) throws IOException {
        return new Farm(Ports.block(Farm.portsNeeded(8, backends.size())), 8, backends, mode);
    }

    private static List<Farm.Server> servers(int... weights) {
        List<Farm.Server> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            out.add(Farm.Server.of("s" + (i + 1), weights[i]));
        }
        return out;
    }

    @Test
    void requestsWithoutAKeyGoRoundRobinAsInHaproxy() throws Exception {
        List<Farm.Backend> backends = List.of(
                new Farm.Backend("hdr(x-key)", "hash-type map-based", servers(5, 3, 2)),
                new Farm.Backend("hdr(x-key)", "hash-type consistent", servers(1, 2, 3, 1)),
                new Farm.Backend("url_param id", "hash-type map-based djb2", servers(2, 1, 1)),
                new Farm.Backend("url_param id", "hash-type consistent wt6", servers(1, 1)));
        Farm farm = farm("http", backends);
        try (Haproxy h = Haproxy.start(farm.config(), farm.statsPort())) {
            for (int i = 0; i < backends.size(); i++) {
                Balancer b = Balancer.create(HashDifferentialTest.options(backends.get(i)), backends.get(i).testServers());
                Random random = new Random(i);
                List<String> theirs = new ArrayList<>();
                List<String> ours = new ArrayList<>();
                try (HaproxyProbe.Http http = new HaproxyProbe.Http(farm.port(i))) {
                    for (int k = 0; k < 200; k++) {
                        // Keyed requests are interleaved: they must not move the round-robin walk.
                        boolean keyed = random.nextInt(10) < 3;
                        String key = "k" + random.nextInt(1000);
                        TestRequest r = keyed ? TestRequest.uri("/?id=" + key) : TestRequest.uri("/");
                        if (keyed) {
                            r.headers.put("x-key", key);
                        }
                        theirs.add(http.get(r.uri, keyed ? Map.of("x-key", key) : Map.of(), "x-server"));
                        ours.add(b.pick(r, null).name());
                    }
                }
                assertThat(ours).as("balance %s", backends.get(i)).isEqualTo(theirs);
            }
        }
    }

    @Test
    void weightAndStateChangesMoveKeysAsInHaproxy() throws Exception {
        List<Farm.Backend> backends = List.of(
                new Farm.Backend("hdr(x-key)", "hash-type consistent", servers(3, 5, 2, 7)),
                new Farm.Backend("hdr(x-key)", "hash-type map-based", servers(3, 5, 2, 7)));
        Farm farm = farm("http", backends);
        List<List<TestServer>> servers = List.of(backends.get(0).testServers(), backends.get(1).testServers());
        List<Balancer> balancers = List.of(
                Balancer.create(HashDifferentialTest.options(backends.get(0)), servers.get(0)),
                Balancer.create(HashDifferentialTest.options(backends.get(1)), servers.get(1)));
        try (Haproxy h = Haproxy.start(farm.config(), farm.statsPort())) {
            compareKeys(farm, balancers, "initial");
            // Consistent hashing takes any weight; map-based only 0 and 100%.
            change(farm, servers.get(0), balancers.get(0), 0, "s2", 1, true);
            change(farm, servers.get(0), balancers.get(0), 0, "s4", 0, true);
            change(farm, servers.get(1), balancers.get(1), 1, "s4", 0, true);
            compareKeys(farm, balancers, "after weight changes");
            change(farm, servers.get(0), balancers.get(0), 0, "s1", 3, false);
            change(farm, servers.get(1), balancers.get(1), 1, "s1", 3, false);
            compareKeys(farm, balancers, "after s1 went to maintenance");
            change(farm, servers.get(0), balancers.get(0), 0, "s4", 200, true);
            change(farm, servers.get(1), balancers.get(1), 1, "s4", 7, true);
            change(farm, servers.get(0), balancers.get(0), 0, "s1", 3, true);
            change(farm, servers.get(1), balancers.get(1), 1, "s1", 3, true);
            compareKeys(farm, balancers, "after restoring");
        }
    }

    private static void change(Farm farm, List<TestServer> servers, Balancer b, int backend, String name, int weight,
                               boolean ready) throws IOException {
        TestServer s = servers.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        String answer;
        if (s.usable != ready) {
            answer = HaproxyProbe.command(farm.statsPort(), "set server lb" + backend + "/" + name + " state "
                    + (ready ? "ready" : "maint"));
            s.usable = ready;
        } else {
            answer = HaproxyProbe.command(farm.statsPort(), "set weight lb" + backend + "/" + name + " " + weight);
            s.weight = weight;
        }
        assertThat(answer).isEmpty();
        b.update(s);
    }

    private static void compareKeys(Farm farm, List<Balancer> balancers, String when) throws IOException {
        Random random = new Random(when.hashCode());
        for (int i = 0; i < balancers.size(); i++) {
            try (HaproxyProbe.Http http = new HaproxyProbe.Http(farm.port(i))) {
                for (int k = 0; k < 300; k++) {
                    String key = HashDifferentialTest.token(random);
                    String theirs = http.get("/", Map.of("x-key", key), "x-server");
                    assertThat(balancers.get(i).pick(TestRequest.header("x-key", key), null).name())
                            .as("%s, lb%d, key %s", when, i, key).isEqualTo(theirs);
                }
            }
        }
    }

    @Test
    void rdpCookieHashesLikeHaproxy() throws Exception {
        String[] names = {"", "(mstshash)", "(MSTSHASH)", "(user)"};
        String[] hashTypes = {"map-based", "consistent", "map-based djb2", "consistent wt6 avalanche"};
        List<Farm.Backend> backends = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            backends.add(new Farm.Backend("rdp-cookie" + names[i], "hash-type " + hashTypes[i]
                    + "\ntcp-request inspect-delay 5s\ntcp-request content accept if RDP_COOKIE"
                    + "\nlog stdout format raw local0\nlog-format \"lb" + i + " %s\"", servers(5, 3, 2, 1)));
        }
        Farm farm = farm("tcp", backends);
        Random random = new Random(7);
        List<String> ours = new ArrayList<>();
        try (Haproxy h = Haproxy.start(farm.config(), farm.statsPort())) {
            for (int i = 0; i < backends.size(); i++) {
                LbOptions options = HashDifferentialTest.options(backends.get(i));
                Balancer b = Balancer.create(options, backends.get(i).testServers());
                String cookie = names[i].isEmpty() ? "mstshash" : names[i].substring(1, names[i].length() - 1);
                for (int k = 0; k < 150; k++) {
                    String user = HashDifferentialTest.token(random);
                    sendRdp(farm.port(i), cookie, user);
                    TestRequest r = new TestRequest();
                    r.cookies.put(((BalanceSpec.RdpCookie) options.balance()).name().toLowerCase(java.util.Locale.ROOT), user);
                    ours.add("lb" + i + " " + b.pick(r, null).name());
                }
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (h.lines().stream().filter(l -> l.startsWith("lb")).count() < ours.size()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(h.lines().stream().filter(l -> l.startsWith("lb")).toList()).isEqualTo(ours);
        }
    }

    /** An X.224 connection request carrying {@code Cookie: <name>=<value>}, as an RDP client sends it. */
    private static void sendRdp(int port, String name, String value) throws IOException {
        byte[] cookie = ("Cookie: " + name + "=" + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] packet = new byte[11 + cookie.length];
        packet[0] = 3;
        packet[2] = (byte) (packet.length >> 8);
        packet[3] = (byte) packet.length;
        packet[4] = (byte) (6 + cookie.length);
        packet[5] = (byte) 0xe0;
        System.arraycopy(cookie, 0, packet, 11, cookie.length);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(packet);
            InputStream in = s.getInputStream();
            while (in.read() != -1) {
                // the responder answers and closes; the log line is written then
            }
        }
    }

    /**
     * Without {@code option allbackups}, haproxy 2.6 builds its map of backups
     * with all of them but sizes it by the first backup's weight, and url_param
     * (unlike source, uri and hdr) then hashes into that truncated map, so keys go
     * to other backups than the first. Its documentation says the first backup
     * gets all traffic, which is what we do.
     */
    @Test
    void urlParamWithoutAllBackupsIsAHaproxyQuirkWeDoNotCopy() throws Exception {
        List<Farm.Server> backups = List.of(
                new Farm.Server("s1", 0, 1, false, true, ""), new Farm.Server("b1", 10, 3, true, false, ""),
                new Farm.Server("b2", 5, 1, true, false, ""), new Farm.Server("b3", 7, 2, true, false, ""));
        Farm.Backend backend = new Farm.Backend("url_param id", "hash-type map-based", backups);
        Farm farm = farm("http", List.of(backend));
        Balancer b = Balancer.create(HashDifferentialTest.options(backend), backend.testServers());
        Set<String> theirs = new HashSet<>();
        Set<String> ours = new HashSet<>();
        try (Haproxy h = Haproxy.start(farm.config(), farm.statsPort());
             HaproxyProbe.Http http = new HaproxyProbe.Http(farm.port(0))) {
            for (int k = 0; k < 100; k++) {
                theirs.add(http.get("/?id=" + k, Map.of(), "x-server"));
                ours.add(b.pick(TestRequest.uri("/?id=" + k), null).name());
            }
        }
        assertThat(theirs).containsExactlyInAnyOrder("b1", "b3");
        assertThat(ours).containsExactly("b1");
    }
}
