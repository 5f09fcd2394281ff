package dev.fulcrum.console.model;

import static java.util.Objects.requireNonNull;

/**
 * One server of a backend, as the console shows it.
 *
 * @param name    the server name, unique in its backend
 * @param address the address as the engine reports it ({@code 127.0.0.1:8081})
 * @param weight  the configured weight, 0 to 256
 * @param check   whether health checks are enabled on it
 */
public record ServerInfo(String name, String address, int weight, boolean check) {

    public ServerInfo {
        requireNonNull(name, "name");
        requireNonNull(address, "address");
        if (weight < 0 || weight > 256) {
            throw new IllegalArgumentException("weight: %s (expected: 0-256)".formatted(weight));
        }
    }
}
