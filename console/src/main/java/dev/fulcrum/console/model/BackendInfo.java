package dev.fulcrum.console.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One backend (or the backend half of a {@code listen} section) and its servers.
 *
 * @param name    the proxy name
 * @param mode    {@code http} or {@code tcp}, as HAProxy writes it
 * @param balance the load-balancing algorithm as HAProxy names it ({@code roundrobin}, {@code leastconn}...)
 * @param servers the servers in declaration order
 */
public record BackendInfo(String name, String mode, String balance, List<ServerInfo> servers) {

    public BackendInfo {
        requireNonNull(name, "name");
        requireNonNull(mode, "mode");
        requireNonNull(balance, "balance");
        servers = List.copyOf(servers);
    }
}
