package dev.fulcrum.lb;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server each request reaches, through Fulcrum and through the real haproxy
 * 2.6 on the same configuration: every algorithm must pick the same servers in
 * the same order. Each request comes on its own connection, some from different
 * loopback source addresses, so hash keys vary the way they do in production.
 */
class BalancingDifferentialTest {

    private static final String[] NAMES = {"s1", "s2", "s3", "s4"};
    /** Each case: a frontend (its own backend, by name) and the backend's balance lines. */
    private static final Map<String, String> BACKENDS = new LinkedHashMap<>();

    static {
        BACKENDS.put("rr", "balance roundrobin");
        BACKENDS.put("srr", "balance static-rr");
        BACKENDS.put("first", "balance first");
        BACKENDS.put("uri", "balance uri");
        BACKENDS.put("uriwhole", "balance uri whole\n  hash-type consistent");
        BACKENDS.put("uridepth", "balance uri depth 2 len 12");
        BACKENDS.put("urlparam", "balance url_param id");
        BACKENDS.put("hdr", "balance hdr(X-Key)");
        BACKENDS.put("hdrconsistent", "balance hdr(X-Key)\n  hash-type consistent djb2");
        BACKENDS.put("source", "balance source");
        BACKENDS.put("sourcecons", "balance source\n  hash-type consistent");
        BACKENDS.put("hashexpr", "balance hash path,lower\n  hash-type map-based crc32");
        BACKENDS.put("avalanche", "balance uri\n  hash-type map-based sdbm avalanche");
    }

    private static final List<TestBackend> servers = new ArrayList<>();
    private static final Map<String, Integer> fulcrumPorts = new HashMap<>();
    private static final Map<String, Integer> haproxyPorts = new HashMap<>();
    private static RunningEngine fulcrum;
    private static Haproxy haproxy;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        for (String n : NAMES) {
            servers.add(TestBackend.start(n));
        }
        fulcrum = RunningEngine.start(config(fulcrumPorts), Map.of());
        int[] ports = new int[BACKENDS.size()];
        String ref = config(haproxyPorts);
        int i = 0;
        for (String name : BACKENDS.keySet()) {
            ports[i++] = haproxyPorts.get(name);
        }
        haproxy = Haproxy.start(ref, ports);
    }

    /** One frontend per case, each sending to its backend; weights 1, 2, 3, 1 and maxconn 1 for "first". */
    private static String config(Map<String, Integer> ports) {
        StringBuilder c = new StringBuilder("""
                global
                  nbthread 1
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 1s
                """);
        int[] weights = {1, 2, 3, 1};
        for (Map.Entry<String, String> e : BACKENDS.entrySet()) {
            int port = RunningEngine.freePort();
            ports.put(e.getKey(), port);
            c.append("frontend fe_").append(e.getKey()).append("\n  bind 127.0.0.1:").append(port)
                    .append("\n  default_backend ").append(e.getKey()).append('\n');
            c.append("backend ").append(e.getKey()).append("\n  ").append(e.getValue()).append('\n');
            for (int s = 0; s < NAMES.length; s++) {
                c.append("  server ").append(NAMES[s]).append(' ').append(servers.get(s).address())
                        .append(" weight ").append(weights[s]).append('\n');
            }
        }
        return c.toString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fulcrum != null) {
            fulcrum.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        for (TestBackend b : servers) {
            b.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"rr", "srr", "first", "uri", "uriwhole", "uridepth", "urlparam", "hdr", "hdrconsistent", "source",
            "sourcecons", "hashexpr", "avalanche"})
    void picksTheSameServersAsHaproxy(String backend) throws IOException {
        List<String> expected = run(haproxyPorts.get(backend));
        List<String> actual = run(fulcrumPorts.get(backend));
        assertThat(expected).as("haproxy answered every request").doesNotContainNull();
        if (!backend.equals("first")) { // sequential requests never fill the first server
            assertThat(new java.util.HashSet<>(expected)).as("the keys spread over several servers").hasSizeGreaterThan(2);
        }
        assertThat(actual).as("servers chosen by Fulcrum for backend " + backend).isEqualTo(expected);
    }

    /** 40 requests, each on a new connection, with varied paths, parameters, headers and source addresses. */
    private static List<String> run(int port) throws IOException {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String path = "/Dir" + (i % 7) + "/sub" + (i % 5) + "/item" + i + "?id=user" + (i % 11) + "&x=" + i;
            String request = "GET " + path + " HTTP/1.1\r\nHost: example.test\r\nX-Key: " + Integer.toHexString((i % 13) * 0x9E3779B1)
                    + "\r\nConnection: close\r\n\r\n";
            chosen.add(serverOf(send(port, "127.0.0." + (1 + i % 9), request)));
        }
        return chosen;
    }

    private static String send(int port, String source, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String serverOf(String response) {
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "x-server:", 0, 9)) {
                return line.substring(9).trim();
            }
            if (line.isEmpty()) {
                break;
            }
        }
        return null;
    }
}
