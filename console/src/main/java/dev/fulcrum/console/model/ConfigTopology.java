package dev.fulcrum.console.model;

import dev.fulcrum.check.CheckSettings;
import dev.fulcrum.config.BindConfig;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.ServerConfig;
import dev.fulcrum.lb.BalanceSpec;
import dev.fulcrum.lb.HashSpec;
import dev.fulcrum.lb.LbSettings;
import dev.fulcrum.proxy.ProxySettings;
import dev.fulcrum.server.ServerSettings;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Builds a {@link Topology} from a parsed configuration: what an engine started
 * from that configuration runs before any runtime change. A connected engine's
 * topology comes from its runtime API instead; both feed the same model.
 */
public final class ConfigTopology {

    private ConfigTopology() {
    }

    public static Topology of(Configuration config) {
        requireNonNull(config, "config");
        List<FrontendInfo> frontends = new ArrayList<>();
        List<BackendInfo> backends = new ArrayList<>();
        for (ProxyConfig p : config.proxies()) {
            if (p.hasFrontend()) {
                frontends.add(frontend(p));
            }
            if (p.hasBackend()) {
                backends.add(backend(p));
            }
        }
        return new Topology(frontends, backends);
    }

    private static FrontendInfo frontend(ProxyConfig p) {
        List<String> binds = new ArrayList<>(p.binds().size());
        for (BindConfig b : p.binds()) {
            binds.add(b.text());
        }
        return new FrontendInfo(p.name(), mode(p), binds, p.get(ProxySettings.DEFAULT_BACKEND));
    }

    private static BackendInfo backend(ProxyConfig p) {
        List<ServerInfo> servers = new ArrayList<>(p.servers().size());
        for (ServerConfig s : p.servers()) {
            servers.add(new ServerInfo(s.name(), s.addressText(), s.get(ServerSettings.WEIGHT), checks(s)));
        }
        return new BackendInfo(p.name(), mode(p), balance(p), servers);
    }

    private static String mode(ProxyConfig p) {
        return p.get(ProxySettings.MODE).keyword();
    }

    /**
     * The backend's algorithm as HAProxy's stats name it ({@code algo}:
     * {@code roundrobin}, {@code leastconn}, {@code uri}...), followed for hashing
     * algorithms by {@code consistent} when the backend has
     * {@code hash-type consistent}, since that decides how keys move.
     */
    static String balance(ProxyConfig p) {
        BalanceSpec spec = p.get(LbSettings.BALANCE);
        String line = spec.toString(); // "balance uri whole len 8"
        String algo = line.substring("balance ".length());
        int end = algo.indexOf(' ');
        algo = end < 0 ? algo : algo.substring(0, end);
        int paren = algo.indexOf('(');
        algo = paren < 0 ? algo : algo.substring(0, paren);
        if (spec.hashBased() && p.get(LbSettings.HASH_TYPE).method() == HashSpec.Method.CONSISTENT) {
            algo += " · consistent";
        }
        return algo;
    }

    /** Whether the server has {@code check} (directly or from {@code default-server}). */
    private static boolean checks(ServerConfig s) {
        return s.get(CheckSettings.CHECK);
    }
}
