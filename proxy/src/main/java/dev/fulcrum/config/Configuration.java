package dev.fulcrum.config;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A whole parsed configuration: the merged {@code global} section, every proxy in
 * declaration order, the defaults sections, and the other named sections.
 *
 * @param files     the files it was read from, in order
 * @param global    the settings of all {@code global} sections merged
 * @param proxies   frontends, backends and listens, in declaration order
 * @param defaults  the defaults sections, in declaration order
 * @param sections  userlists, http-errors and other named sections
 */
public record Configuration(List<String> files, Settings global, List<ProxyConfig> proxies,
                            List<ProxyConfig> defaults, List<SectionConfig> sections) {

    public Configuration {
        files = List.copyOf(files);
        requireNonNull(global, "global");
        proxies = List.copyOf(proxies);
        defaults = List.copyOf(defaults);
        sections = List.copyOf(sections);
    }

    public <T> T global(Setting<T> key) {
        return global.get(key);
    }

    /** The proxy with this name that has a frontend, or {@code null}. */
    public ProxyConfig frontend(String name) {
        for (ProxyConfig p : proxies) {
            if (p.hasFrontend() && p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The proxy with this name that has a backend, or {@code null}. */
    public ProxyConfig backend(String name) {
        for (ProxyConfig p : proxies) {
            if (p.hasBackend() && p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    public SectionConfig section(SectionType type, String name) {
        for (SectionConfig s : sections) {
            if (s.type() == type && s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
