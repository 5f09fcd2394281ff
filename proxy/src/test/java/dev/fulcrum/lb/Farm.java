package dev.fulcrum.lb;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.Ports;

import java.util.ArrayList;
import java.util.List;

/**
 * An haproxy configuration for differential tests: several listening proxies,
 * each balancing over its own list of servers, all of them pointing at the same
 * small set of local HTTP responders that haproxy itself provides. Each
 * balancing proxy names the server it chose in an {@code X-Server} response
 * header (HTTP mode) or in a log line (TCP mode).
 */
final class Farm {

    /** One server line; {@code id} 0 lets haproxy assign it. */
    record Server(String name, int id, int weight, boolean backup, boolean disabled, String more) {
        static Server of(String name, int weight) {
            return new Server(name, 0, weight, false, false, "");
        }

        String line(int port) {
            return " server " + name + " 127.0.0.1:" + port + (id > 0 ? " id " + id : "") + " weight " + weight
                    + (backup ? " backup" : "") + (disabled ? " disabled" : "") + (more.isEmpty() ? "" : " " + more);
        }

        /** The same server for a {@link Balancer}, with the id haproxy gives it. */
        TestServer toTest(int assignedId) {
            TestServer t = new TestServer(id > 0 ? id : assignedId, name, weight, backup);
            t.usable = !disabled;
            return t;
        }
    }

    /** One balancing proxy: its {@code balance} arguments, extra lines, and servers. */
    record Backend(String balance, String extra, List<Server> servers) {
        /** The servers as a {@link Balancer} sees them, ids assigned as haproxy does (lowest free, in order). */
        List<TestServer> testServers() {
            List<Integer> taken = servers.stream().map(Server::id).filter(i -> i > 0).toList();
            List<TestServer> out = new ArrayList<>();
            int next = 1;
            for (Server s : servers) {
                int id = s.id();
                if (id == 0) {
                    while (taken.contains(next)) {
                        next++;
                    }
                    id = next++;
                }
                out.add(s.toTest(id));
            }
            return out;
        }
    }

    final int base;
    final int responders;
    final List<Backend> backends;
    final String mode;

    /**
     * Ports from {@code base}: {@code responders} local HTTP responders, then one
     * port per backend, then a stats socket.
     */
    Farm(int base, int responders, List<Backend> backends, String mode) {
        this.base = base;
        this.responders = responders;
        this.backends = List.copyOf(backends);
        this.mode = mode;
    }

    /**
     * Starts haproxy on a farm of fresh ports ({@link Ports#block}), choosing
     * others when one was taken between the choice and haproxy's bind.
     */
    static Running start(int responders, List<Backend> backends, String mode) throws Exception {
        return Ports.retryingBind(() -> {
            Farm f = new Farm(Ports.block(portsNeeded(responders, backends.size())), responders, backends, mode);
            return new Running(f, Haproxy.start(f.config(), f.statsPort()));
        });
    }

    /** A farm and the haproxy running it. */
    record Running(Farm farm, Haproxy haproxy) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            haproxy.close();
        }
    }

    static int portsNeeded(int responders, int backends) {
        return responders + backends + 1;
    }

    int port(int backend) {
        return base + responders + backend;
    }

    int statsPort() {
        return base + responders + backends.size();
    }

    String config() {
        StringBuilder c = new StringBuilder();
        c.append("global\n nbthread 1\n maxconn 4000\n stats socket ipv4@127.0.0.1:").append(statsPort())
                .append(" level admin\n");
        c.append("defaults\n mode ").append(mode)
                .append("\n timeout client 10s\n timeout server 10s\n timeout connect 5s\n");
        for (int i = 0; i < backends.size(); i++) {
            Backend b = backends.get(i);
            c.append("listen lb").append(i).append("\n bind 127.0.0.1:").append(port(i)).append('\n');
            c.append(" balance ").append(b.balance()).append('\n');
            for (String line : b.extra().split("\n")) {
                if (!line.isBlank()) {
                    c.append(' ').append(line.strip()).append('\n');
                }
            }
            if (mode.equals("http")) {
                c.append(" http-response set-header X-Server %s\n");
            }
            for (int k = 0; k < b.servers().size(); k++) {
                c.append(b.servers().get(k).line(base + k)).append('\n');
            }
        }
        for (int k = 0; k < responders; k++) {
            c.append("frontend responder").append(k).append("\n mode http\n bind 127.0.0.1:").append(base + k)
                    .append("\n http-request return status 200\n");
        }
        return c.toString();
    }
}
