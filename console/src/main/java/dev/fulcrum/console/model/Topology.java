package dev.fulcrum.console.model;

import java.util.List;

/**
 * The proxies of one engine: what traffic enters where and which servers it can
 * reach. Immutable; a change (reload, added server) is a new instance.
 *
 * @param frontends frontends and listens, in declaration order
 * @param backends  backends and listens, in declaration order
 */
public record Topology(List<FrontendInfo> frontends, List<BackendInfo> backends) {

    /** No engine, no proxies. */
    public static final Topology EMPTY = new Topology(List.of(), List.of());

    public Topology {
        frontends = List.copyOf(frontends);
        backends = List.copyOf(backends);
    }

    /** Servers of all backends together. */
    public int serverCount() {
        int n = 0;
        for (BackendInfo b : backends) {
            n += b.servers().size();
        }
        return n;
    }

    /** A one-line summary such as {@code 2 frontends · 3 backends · 6 servers}. */
    public String summary() {
        return count(frontends.size(), "frontend") + " · " + count(backends.size(), "backend") + " · "
                + count(serverCount(), "server");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
