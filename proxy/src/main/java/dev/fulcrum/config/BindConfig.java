package dev.fulcrum.config;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One {@code bind} line.
 *
 * @param location where it was written
 * @param text     the address argument as written (for messages and stats)
 * @param addresses the addresses it listens on (a comma list gives several)
 * @param options  the bind options ({@code name}, {@code ssl}, {@code accept-proxy}...)
 */
public record BindConfig(SourceLocation location, String text, List<Address> addresses, Settings options) {

    public BindConfig {
        requireNonNull(location, "location");
        requireNonNull(text, "text");
        addresses = List.copyOf(addresses);
        requireNonNull(options, "options");
    }

    public <T> T get(Setting<T> key) {
        return options.get(key);
    }
}
