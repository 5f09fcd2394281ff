package dev.fulcrum.runtime;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.sample.EngineView;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.sample.UserlistView;
import dev.fulcrum.userlist.Userlist;

import java.util.Map;

/**
 * The running proxies by name, as rules and fetches look them up ({@code use_backend}
 * with a computed name, {@code nbsrv(be)}, {@code srv_is_up(be/srv)}). Built once per
 * configuration; the maps are never modified, so lookups need no lock.
 */
record ProxyDirectory(Map<String, Frontend> frontends, Map<String, Backend> backends,
                      Map<String, Userlist> userlists, dev.fulcrum.stick.StickTables tables) implements EngineView {

    ProxyDirectory {
        frontends = Map.copyOf(frontends);
        backends = Map.copyOf(backends);
        userlists = Map.copyOf(userlists);
    }

    @Override
    public dev.fulcrum.stick.StickTable table(String name) {
        return tables.get(name);
    }

    @Override
    public UserlistView userlist(String name) {
        return userlists.get(name);
    }

    @Override
    public ProxyView backend(String name) {
        return backends.get(name);
    }

    @Override
    public ProxyView frontend(String name) {
        return frontends.get(name);
    }
}
