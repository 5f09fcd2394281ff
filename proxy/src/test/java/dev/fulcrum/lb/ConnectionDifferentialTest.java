package dev.fulcrum.lb;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.Ports;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Algorithms that depend on connections in progress ({@code leastconn},
 * {@code first}, and round robin skipping full servers), compared with the real
 * haproxy 2.6 in TCP mode: test servers write their name and hold each
 * connection until the client closes it, so the load seen by haproxy and by our
 * balancer is the same. Skipped when haproxy is not installed.
 */
class ConnectionDifferentialTest {

    private static final int SERVERS = 5;
    private static final List<ServerSocket> listeners = new ArrayList<>();
    private static int base;

    @BeforeAll
    static void startServers() throws IOException {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
        base = Ports.block(SERVERS + 40);
        for (int i = 0; i < SERVERS; i++) {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + i), 200);
            listeners.add(ss);
            String name = "s" + (i + 1);
            Thread t = new Thread(() -> serve(ss, name), "server-" + name);
            t.setDaemon(true);
            t.start();
        }
    }

    private static void serve(ServerSocket ss, String name) {
        while (!ss.isClosed()) {
            try {
                Socket c = ss.accept();
                Thread t = new Thread(() -> hold(c, name));
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Writes the server's name, then keeps the connection until the other side closes it. */
    private static void hold(Socket c, String name) {
        try (c) {
            OutputStream out = c.getOutputStream();
            out.write((name + "\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            while (c.getInputStream().read() != -1) {
                // hold
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    @AfterAll
    static void stopServers() throws IOException {
        for (ServerSocket ss : listeners) {
            ss.close();
        }
    }

    /**
     * One backend's scenario: {@code o<n>} opens n held connections, {@code c<i>}
     * closes the i-th, {@code q<n>} opens and closes n, {@code w<s>:<weight>} sets
     * server s's weight, {@code m<s>} and {@code r<s>} put it in maintenance and back.
     */
    record Script(String balance, List<String> serverOptions, String steps) {
    }

    @Test
    void leastconnRotatesAmongEqualsAndWeighsLoadLikeHaproxy() throws Exception {
        run(List.of(
                new Script("leastconn", opts("weight 1", "weight 1", "weight 1"), "o6 c1 o1 c0 c3 o2 q6"),
                new Script("leastconn", opts("weight 1", "weight 2", "weight 3"), "o12 c3 c4 o2 q4"),
                new Script("leastconn", opts("weight 3", "weight 1", "weight 2"), "q7 o3 q5 c1 o4"),
                new Script("leastconn", opts("maxconn 1 weight 10", "weight 1", "weight 1"), "o6 c0 o2"),
                new Script("leastconn", opts("weight 2", "weight 2", "weight 2"),
                        "o6 w2:6 o3 c0 m3 o2 q3 r3 o3 w1:1 c4 q4 o2")));
    }

    @Test
    void leastconnFollowsHaproxyInRandomScenarios() throws Exception {
        Random random = new Random(5);
        List<Script> scripts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<String> options = new ArrayList<>();
            for (int s = 2 + random.nextInt(3); s > 0; s--) {
                options.add("weight " + (1 + random.nextInt(i < 6 ? 3 : 100)));
            }
            StringBuilder steps = new StringBuilder();
            int open = 0;
            boolean[] down = new boolean[options.size()];
            for (int k = 0; k < 40; k++) {
                int r = random.nextInt(12);
                int server = random.nextInt(options.size());
                if (r == 10) {
                    steps.append('w').append(server + 1).append(':').append(1 + random.nextInt(20)).append(' ');
                } else if (r == 11) {
                    // Keep one server usable: with none, haproxy would queue the connection.
                    boolean lastUp = !down[server] && java.util.stream.IntStream.range(0, down.length)
                            .filter(x -> !down[x]).count() == 1;
                    if (!lastUp) {
                        steps.append(down[server] ? 'r' : 'm').append(server + 1).append(' ');
                        down[server] = !down[server];
                    }
                } else if (r < 4 || open == 0) {
                    steps.append("o1 ");
                    open++;
                } else if (r < 7) {
                    steps.append('c').append(random.nextInt(open)).append(' ');
                } else {
                    steps.append("q1 ");
                }
            }
            scripts.add(new Script("leastconn", options, steps.toString().trim()));
        }
        run(scripts);
    }

    @Test
    void firstFillsServersByIdAndRoundRobinSkipsFullServers() throws Exception {
        run(List.of(
                new Script("first", opts("maxconn 2", "maxconn 2", "maxconn 2"), "o5 c0 o1 c2 c3 o2"),
                new Script("first", opts("id 5 maxconn 1", "id 2 maxconn 1", "id 9"), "o4 c1 o1"),
                new Script("roundrobin", opts("maxconn 1 weight 1", "weight 1", "weight 2"), "o8 c1 o4"),
                new Script("static-rr", opts("maxconn 1 weight 1", "weight 1", "weight 2"), "o8 c0 o4")));
    }

    private static List<String> opts(String... options) {
        return List.of(options);
    }

    private static void run(List<Script> scripts) throws Exception {
        StringBuilder config = new StringBuilder("global\n nbthread 1\n stats socket ipv4@127.0.0.1:")
                .append(base + SERVERS).append(" level admin\ndefaults\n mode tcp\n timeout client 30s\n")
                .append(" timeout server 30s\n timeout connect 5s\n timeout queue 5s\n");
        for (int i = 0; i < scripts.size(); i++) {
            config.append("listen lb").append(i).append("\n bind 127.0.0.1:").append(base + SERVERS + 1 + i)
                    .append("\n balance ").append(scripts.get(i).balance()).append('\n');
            List<String> options = scripts.get(i).serverOptions();
            for (int s = 0; s < options.size(); s++) {
                config.append(" server s").append(s + 1).append(" 127.0.0.1:").append(base + s).append(' ')
                        .append(options.get(s)).append('\n');
            }
        }
        try (Haproxy h = Haproxy.start(config.toString(), base + SERVERS)) {
            for (int i = 0; i < scripts.size(); i++) {
                runScript(i, scripts.get(i));
            }
        }
    }

    private static void runScript(int index, Script script) throws Exception {
        List<TestServer> servers = new ArrayList<>();
        for (int s = 0; s < script.serverOptions().size(); s++) {
            String o = " " + script.serverOptions().get(s) + " ";
            TestServer t = new TestServer(intOption(o, "id", s + 1), "s" + (s + 1), intOption(o, "weight", 1), false);
            t.maxconn = intOption(o, "maxconn", 0);
            servers.add(t);
        }
        Balancer balancer = Balancer.create(
                HashDifferentialTest.options(new Farm.Backend(script.balance(), "", List.of())), servers);
        List<Socket> held = new ArrayList<>();
        List<TestServer> heldOn = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        int port = base + SERVERS + 1 + index;
        for (String step : script.steps().split(" ")) {
            if ("wmr".indexOf(step.charAt(0)) >= 0) {
                change(index, servers, step, balancer);
                continue;
            }
            int n = Integer.parseInt(step.substring(1));
            switch (step.charAt(0)) {
                case 'o', 'q' -> {
                    for (int k = 0; k < n; k++) {
                        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                        s.setSoTimeout(5000);
                        theirs.add(new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.ISO_8859_1)).readLine());
                        TestServer picked = (TestServer) balancer.pick(LbRequest.NONE, null);
                        ours.add(picked.name());
                        picked.load++;
                        balancer.loadChanged(picked);
                        if (step.charAt(0) == 'o') {
                            held.add(s);
                            heldOn.add(picked);
                        } else {
                            close(index, s, picked, balancer);
                        }
                    }
                }
                default -> {
                    close(index, held.get(n), heldOn.get(n), balancer);
                }
            }
        }
        for (Socket s : held) {
            s.close();
        }
        assertThat(ours).as("balance %s %s: %s", script.balance(), script.serverOptions(), script.steps())
                .isEqualTo(theirs);
    }

    private static void change(int backend, List<TestServer> servers, String step, Balancer balancer)
            throws IOException {
        String[] parts = step.substring(1).split(":");
        TestServer s = servers.get(Integer.parseInt(parts[0]) - 1);
        String target = "lb" + backend + "/" + s.name();
        String answer = switch (step.charAt(0)) {
            case 'w' -> {
                s.weight = Integer.parseInt(parts[1]);
                yield HaproxyProbe.command(base + SERVERS, "set weight " + target + " " + s.weight);
            }
            case 'm' -> {
                s.usable = false;
                yield HaproxyProbe.command(base + SERVERS, "set server " + target + " state maint");
            }
            default -> {
                s.usable = true;
                yield HaproxyProbe.command(base + SERVERS, "set server " + target + " state ready");
            }
        };
        assertThat(answer).as(step).isEmpty();
        balancer.update(s);
    }

    /** Closes a held connection and waits until haproxy no longer counts it, so both sides see the same load. */
    private static void close(int backend, Socket s, TestServer server, Balancer balancer) throws Exception {
        if (s.isClosed()) {
            return;
        }
        s.close();
        server.load--;
        balancer.loadChanged(server);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (currentSessions(backend, server.name()) != server.load && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    private static int currentSessions(int backend, String server) throws IOException {
        for (String line : HaproxyProbe.command(base + SERVERS, "show stat").split("\n")) {
            String[] f = line.split(",");
            if (f.length > 4 && f[0].equals("lb" + backend) && f[1].equals(server)) {
                return Integer.parseInt(f[4]);
            }
        }
        return -1;
    }

    private static int intOption(String options, String name, int otherwise) {
        int at = options.indexOf(" " + name + " ");
        if (at < 0) {
            return otherwise;
        }
        String rest = options.substring(at + name.length() + 2).trim();
        return Integer.parseInt(rest.split(" ")[0]);
    }
}
