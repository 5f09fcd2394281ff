package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The mutable state of a proxy section while it is parsed. Keywords write into
 * {@link #settings()}, {@code bind} and {@code server} lines into their lists.
 */
public final class ProxyBuilder {

    private final String name;
    private final SectionType type;
    private final SourceLocation location;
    private final ProxyConfig defaults;
    private final Settings.Builder settings;
    private final List<BindConfig> binds = new ArrayList<>();
    private final List<ServerConfig> servers = new ArrayList<>();
    private Settings.Builder defaultServer;
    private int explicitId;

    ProxyBuilder(String name, SectionType type, SourceLocation location, ProxyConfig defaults) {
        this.name = name;
        this.type = type;
        this.location = location;
        this.defaults = defaults;
        if (defaults == null) {
            this.settings = Settings.builder();
            this.defaultServer = Settings.builder();
        } else if (type == SectionType.DEFAULTS) {
            // "defaults X from Y": everything of Y, lists included
            this.settings = defaults.settings().toBuilder();
            this.defaultServer = defaults.defaultServer().toBuilder();
        } else {
            this.settings = defaults.settings().inheritedBuilder();
            this.defaultServer = defaults.defaultServer().toBuilder();
        }
    }

    public String name() {
        return name;
    }

    public SectionType type() {
        return type;
    }

    public SourceLocation location() {
        return location;
    }

    /** The defaults section this proxy started from, or {@code null}. */
    public ProxyConfig defaults() {
        return defaults;
    }

    public Settings.Builder settings() {
        return settings;
    }

    public Settings.Builder defaultServer() {
        return defaultServer;
    }

    public boolean hasFrontend() {
        return type == SectionType.FRONTEND || type == SectionType.LISTEN || type == SectionType.DEFAULTS;
    }

    public boolean hasBackend() {
        return type == SectionType.BACKEND || type == SectionType.LISTEN || type == SectionType.DEFAULTS;
    }

    public boolean isDefaults() {
        return type == SectionType.DEFAULTS;
    }

    public List<BindConfig> binds() {
        return binds;
    }

    public List<ServerConfig> servers() {
        return servers;
    }

    public void addBind(BindConfig bind) {
        binds.add(bind);
    }

    public void addServer(ServerConfig server) {
        servers.add(server);
    }

    public int explicitId() {
        return explicitId;
    }

    public void explicitId(int id) {
        this.explicitId = id;
    }

    /** HAProxy's word for this proxy in messages: frontend, backend, proxy or defaults. */
    public String kindName() {
        return ProxyConfig.describe(type);
    }

    ProxyConfig build(int id) {
        return new ProxyConfig(name, type, location, id, defaults, settings.build(), binds, servers,
                defaultServer.build());
    }
}
