package dev.fulcrum.config;

import static java.util.Objects.requireNonNull;

/**
 * A parsed section that is not a proxy: {@code userlist}, {@code http-errors}, ...
 *
 * @param type     the section type
 * @param name     its name
 * @param location its section line
 * @param settings what its keywords stored
 */
public record SectionConfig(SectionType type, String name, SourceLocation location, Settings settings) {

    public SectionConfig {
        requireNonNull(type, "type");
        requireNonNull(name, "name");
        requireNonNull(location, "location");
        requireNonNull(settings, "settings");
    }

    public <T> T get(Setting<T> key) {
        return settings.get(key);
    }
}
