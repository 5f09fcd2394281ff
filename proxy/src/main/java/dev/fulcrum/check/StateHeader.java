package dev.fulcrum.check;

import dev.fulcrum.server.Health;
import dev.fulcrum.server.OperState;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.ServerFarm;

/**
 * The value of the {@code X-Haproxy-Server-State} header sent with
 * {@code http-check send-state}, e.g.
 * {@code UP 2/3; name=bk/s1; node=lb1; weight=1/2; scur=0/0; qcur=0}.
 */
final class StateHeader {

    private static final String NODE = hostName();

    private StateHeader() {
    }

    static String of(Server s) {
        Health h = s.check();
        StringBuilder b = new StringBuilder(96);
        int value = h == null ? 0 : h.value();
        int rise = h == null ? 0 : h.rise();
        int fall = h == null ? 0 : h.fall();
        switch (s.operState()) {
            case STOPPED -> b.append(value == 0 ? "DOWN" : "DOWN " + value + "/" + rise);
            case STOPPING -> b.append(value == rise + fall - 1 ? "NOLB" : "NOLB " + (value - rise + 1) + "/" + fall);
            default -> b.append(value == rise + fall - 1 ? "UP" : "UP " + (value - rise + 1) + "/" + fall);
        }
        ServerFarm farm = s.farm();
        int total = 0;
        int backendConns = 0;
        if (farm != null) {
            for (Server o : farm.servers()) {
                total += o.effectiveWeight();
                backendConns += o.served();
            }
        }
        b.append("; name=").append(s.backendName()).append('/').append(s.name())
                .append("; node=").append(NODE)
                .append("; weight=").append(s.effectiveWeight()).append('/').append(total)
                .append("; scur=").append(s.served()).append('/').append(backendConns)
                .append("; qcur=").append(s.queue().size());
        if (s.operState() == OperState.STARTING && s.slowstartMillis() > 0) {
            long elapsed = System.currentTimeMillis() - s.lastChangeMillis();
            b.append("; throttle=").append(Math.min(100, 100 * elapsed / s.slowstartMillis())).append('%');
        }
        return b.toString();
    }

    private static String hostName() {
        // HAProxy's default node name is the host name; read it locally, never through a resolver
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "localhost";
        }
    }
}
