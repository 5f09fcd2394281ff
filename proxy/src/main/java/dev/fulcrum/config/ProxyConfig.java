package dev.fulcrum.config;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A parsed {@code defaults}, {@code frontend}, {@code backend} or {@code listen}
 * section.
 *
 * @param name          the section name ({@code ""} for an anonymous defaults section)
 * @param type          which kind of section
 * @param location      the section line
 * @param id            the proxy's numeric id ({@code id} keyword or assigned in order); 0 for defaults
 * @param defaults      the defaults section it took its settings from, or {@code null}
 * @param settings      every setting of the section, inherited ones included
 * @param binds         the {@code bind} lines
 * @param servers       the {@code server} lines
 * @param defaultServer the {@code default-server} options in effect at the end of the section
 */
public record ProxyConfig(String name, SectionType type, SourceLocation location, int id, ProxyConfig defaults,
                          Settings settings, List<BindConfig> binds, List<ServerConfig> servers,
                          Settings defaultServer) {

    public ProxyConfig {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        if (!type.isProxy()) {
            throw new IllegalArgumentException("type: " + type + " (expected: a proxy section)");
        }
        requireNonNull(location, "location");
        requireNonNull(settings, "settings");
        binds = List.copyOf(binds);
        servers = List.copyOf(servers);
        requireNonNull(defaultServer, "defaultServer");
    }

    /** This proxy with another numeric id. */
    public ProxyConfig withId(int newId) {
        return new ProxyConfig(name, type, location, newId, defaults, settings, binds, servers, defaultServer);
    }

    public <T> T get(Setting<T> key) {
        return settings.get(key);
    }

    public boolean hasFrontend() {
        return type == SectionType.FRONTEND || type == SectionType.LISTEN;
    }

    public boolean hasBackend() {
        return type == SectionType.BACKEND || type == SectionType.LISTEN;
    }

    /** HAProxy's name for the kind of proxy in messages: frontend, backend, proxy (listen). */
    public String kindName() {
        return describe(type);
    }

    static String describe(SectionType type) {
        return switch (type) {
            case FRONTEND -> "frontend";
            case BACKEND -> "backend";
            case LISTEN -> "proxy";
            default -> "defaults";
        };
    }

    public ServerConfig server(String serverName) {
        for (ServerConfig s : servers) {
            if (s.name().equals(serverName)) {
                return s;
            }
        }
        return null;
    }
}
