package dev.fulcrum.console.model;

import dev.fulcrum.config.BindConfig;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.ServerConfig;
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

    /**
     * The algorithm of a backend without a {@code balance} line. HAProxy's stats
     * report it as {@code roundrobin} (checked with haproxy 2.6, {@code show stat}
     * field {@code algo}).
     */
    static final String DEFAULT_BALANCE = "roundrobin";

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
     * The backend's algorithm. The engine does not parse {@code balance} yet (it
     * belongs to the {@code lb} room, and is rejected as "not supported yet"), so
     * every backend it accepts runs the default. Read the lb room's setting here
     * once it exists.
     */
    private static String balance(ProxyConfig p) {
        return DEFAULT_BALANCE;
    }

    /**
     * Whether the server has {@code check}. The engine does not parse that
     * option yet (it belongs to the {@code check} room), so no accepted server
     * has checks on. Read the check room's setting here once it exists.
     */
    private static boolean checks(ServerConfig s) {
        return false;
    }
}
