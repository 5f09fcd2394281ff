package dev.fulcrum.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One configuration run by the real haproxy 2.6 and by Fulcrum at once, for
 * differential tests. The configuration names its listening ports as
 * {@code ${PORT_...}} variables: each side gets its own free port for each, so
 * the two never share a listener (both bind with SO_REUSEPORT, so a shared port
 * would silently mix their connections). Other variables (backend addresses,
 * directories) are the same for both.
 */
public final class SideBySide implements AutoCloseable {

    private final Haproxy haproxy;
    private final RunningEngine fulcrum;
    private final Map<String, Integer> haproxyPorts;
    private final Map<String, Integer> fulcrumPorts;

    private SideBySide(Haproxy haproxy, RunningEngine fulcrum, Map<String, Integer> haproxyPorts,
                       Map<String, Integer> fulcrumPorts) {
        this.haproxy = haproxy;
        this.fulcrum = fulcrum;
        this.haproxyPorts = haproxyPorts;
        this.fulcrumPorts = fulcrumPorts;
    }

    /**
     * Starts both and returns once haproxy listens on all its ports (Fulcrum's
     * are bound when {@link RunningEngine#start} returns).
     *
     * @param config   the configuration, with {@code ${NAME}} placeholders
     * @param portVars the names of the port variables, e.g. {@code PORT_FE}
     * @param shared   values of the other variables, the same on both sides
     */
    public static SideBySide start(String config, List<String> portVars, Map<String, String> shared)
            throws Exception {
        requireNonNull(config, "config");
        Map<String, Integer> hp = new HashMap<>();
        Map<String, Integer> fp = new HashMap<>();
        Map<String, String> haproxyVars = new HashMap<>(shared);
        Map<String, String> fulcrumVars = new HashMap<>(shared);
        for (String v : portVars) {
            hp.put(v, RunningEngine.freePort());
            fp.put(v, RunningEngine.freePort());
            haproxyVars.put(v, Integer.toString(hp.get(v)));
            fulcrumVars.put(v, Integer.toString(fp.get(v)));
        }
        String haproxyConfig = config;
        for (Map.Entry<String, String> v : haproxyVars.entrySet()) {
            haproxyConfig = haproxyConfig.replace("${" + v.getKey() + "}", v.getValue());
        }
        Haproxy h = Haproxy.start(haproxyConfig, hp.values().stream().mapToInt(Integer::intValue).toArray());
        try {
            return new SideBySide(h, RunningEngine.start(config, fulcrumVars), Map.copyOf(hp), Map.copyOf(fp));
        } catch (Exception | Error e) {
            h.close();
            throw e;
        }
    }

    /** The port haproxy listens on for {@code portVar}. */
    public int haproxyPort(String portVar) {
        return requireNonNull(haproxyPorts.get(portVar), portVar);
    }

    /** The port Fulcrum listens on for {@code portVar}. */
    public int fulcrumPort(String portVar) {
        return requireNonNull(fulcrumPorts.get(portVar), portVar);
    }

    public Haproxy haproxy() {
        return haproxy;
    }

    public RunningEngine fulcrum() {
        return fulcrum;
    }

    @Override
    public void close() throws Exception {
        try {
            fulcrum.close();
        } finally {
            haproxy.close();
        }
    }
}
