package dev.fulcrum.config;

import static java.util.Objects.requireNonNull;

/**
 * One {@code server} line, with {@code default-server} options already applied.
 *
 * @param location    where it was written
 * @param name        the server name, unique in its backend
 * @param addressText the address as written
 * @param address     the parsed address
 * @param options     the server options
 */
public record ServerConfig(SourceLocation location, String name, String addressText, Address address,
                           Settings options) {

    public ServerConfig {
        requireNonNull(location, "location");
        requireNonNull(name, "name");
        requireNonNull(addressText, "addressText");
        requireNonNull(address, "address");
        requireNonNull(options, "options");
    }

    public <T> T get(Setting<T> key) {
        return options.get(key);
    }
}
