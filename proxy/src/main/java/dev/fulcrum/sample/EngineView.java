package dev.fulcrum.sample;

/**
 * Lookups across the running configuration, for fetches that name another proxy
 * or server ({@code nbsrv(be)}, {@code be_conn(be)}, {@code srv_is_up(be/srv)}),
 * for dynamic {@code use_backend} names and for {@code http_auth(userlist)}.
 * Names were checked at configuration time, so a {@code null} only happens for
 * names computed at run time. Lookups must be lock-free (a map built once per
 * configuration generation).
 */
public interface EngineView {

    /** The proxy with a backend capability called {@code name}, or {@code null}. */
    ProxyView backend(String name);

    /** The proxy with a frontend capability called {@code name}, or {@code null}. */
    ProxyView frontend(String name);

    /** The userlist called {@code name}, or {@code null}. */
    default UserlistView userlist(String name) {
        return null;
    }

    /** The running stick table called {@code name} (its proxy's name), or {@code null}. */
    default dev.fulcrum.stick.StickTable table(String name) {
        return null;
    }

    /** An engine with no proxies, for contexts that have none (tests, CLI). */
    EngineView EMPTY = new EngineView() {
        @Override
        public ProxyView backend(String name) {
            return null;
        }

        @Override
        public ProxyView frontend(String name) {
            return null;
        }
    };
}
