package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one configuration load shares between keyword parsers: the
 * diagnostics, the environment, the merged global settings and the sections
 * finished so far.
 */
public final class ParseState {

    private final Diagnostics diagnostics;
    private final ConfigEnvironment environment;
    private final KeywordRegistry registry;
    private final Settings.Builder global = Settings.builder();
    final List<ProxyConfig> proxies = new ArrayList<>();
    final List<ProxyConfig> defaults = new ArrayList<>();
    final Map<String, ProxyConfig> namedDefaults = new LinkedHashMap<>();
    final List<SectionConfig> sections = new ArrayList<>();
    /** Parses a statement in the current section, as if it had been written instead of the current one. */
    private java.util.function.Consumer<ConfigLine> reparser = line -> {
        throw new IllegalStateException("no parser");
    };

    ParseState(Diagnostics diagnostics, ConfigEnvironment environment, KeywordRegistry registry) {
        this.diagnostics = diagnostics;
        this.environment = environment;
        this.registry = registry;
    }

    void reparser(java.util.function.Consumer<ConfigLine> reparser) {
        this.reparser = reparser;
    }

    void reparse(ConfigLine line) {
        reparser.accept(line);
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public ConfigEnvironment environment() {
        return environment;
    }

    public KeywordRegistry registry() {
        return registry;
    }

    public Settings.Builder global() {
        return global;
    }

    /** Proxies finished so far, in order. */
    public List<ProxyConfig> proxies() {
        return proxies;
    }

    /** Named sections (userlist, http-errors...) finished so far. */
    public List<SectionConfig> sections() {
        return sections;
    }
}
