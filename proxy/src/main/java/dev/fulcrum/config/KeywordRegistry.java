package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The one list of configuration keywords: the parser dispatches through it, error
 * messages draw their suggestions from it, and docs/configuration.md is generated
 * from it. Immutable once built.
 */
public final class KeywordRegistry {

    /** Keywords that take a sub-keyword ({@code option X}, {@code timeout X}), with their "unknown" message. */
    public record Group(String prefix, Set<SectionType> sections,
                        BiFunction<String, Collection<String>, String> unknownMessage) {
    }

    private final Map<String, List<Keyword>> byFirstWord;
    private final List<Keyword> keywords;
    private final Map<String, LineOption> bindOptions;
    private final Map<String, LineOption> serverOptions;
    private final Map<String, Group> groups;
    private final List<ConfigCheck> checks;
    private final KeywordCatalog catalog;

    private KeywordRegistry(Builder b) {
        this.catalog = b.catalog;
        this.keywords = List.copyOf(b.keywords);
        Map<String, List<Keyword>> index = new HashMap<>();
        for (Keyword k : keywords) {
            String first = k.name().split(" ", 2)[0];
            index.computeIfAbsent(first, x -> new ArrayList<>()).add(k);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byFirstWord = Map.copyOf(index);
        this.bindOptions = Map.copyOf(b.bindOptions);
        this.serverOptions = Map.copyOf(b.serverOptions);
        this.groups = Map.copyOf(b.groups);
        this.checks = List.copyOf(b.checks);
    }

    /** The standard registry with every room's keywords. */
    public static KeywordRegistry standard() {
        return StandardKeywords.REGISTRY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds the longest keyword that starts {@code words} (from index {@code from})
     * and is defined for a section of the same family as {@code section}. The last
     * word of a keyword of several words may carry an argument in parentheses
     * ({@code tcp-check set-var(check.x)}), which its handler reads.
     */
    public Keyword find(SectionType section, List<String> words, int from) {
        if (from >= words.size()) {
            return null;
        }
        List<Keyword> candidates = byFirstWord.get(words.get(from));
        if (candidates == null) {
            return null;
        }
        Keyword best = null;
        for (Keyword k : candidates) {
            if (!sameFamily(k, section)) {
                continue;
            }
            String[] parts = k.name().split(" ");
            if (from + parts.length > words.size()) {
                continue;
            }
            boolean match = true;
            for (int i = 1; i < parts.length; i++) {
                String w = words.get(from + i);
                // an action keyword carries its argument in parentheses: "tcp-check set-var(check.x)"
                boolean withArgument = i == parts.length - 1 && w.startsWith(parts[i] + "(");
                if (!parts[i].equals(w) && !withArgument) {
                    match = false;
                    break;
                }
            }
            if (match && (best == null || parts.length > best.wordCount())) {
                best = k;
            }
        }
        return best;
    }

    private static boolean sameFamily(Keyword k, SectionType section) {
        if (section.isProxy()) {
            return k.isProxyKeyword();
        }
        return k.sections().contains(section);
    }

    public Group group(String prefix, SectionType section) {
        Group g = groups.get(prefix);
        if (g == null) {
            return null;
        }
        for (SectionType s : g.sections()) {
            if (s == section || (s.isProxy() && section.isProxy())) {
                return g;
            }
        }
        return null;
    }

    /** Every first word valid in a section of this family, for suggestions. */
    public Set<String> firstWords(SectionType section) {
        Set<String> out = new LinkedHashSet<>();
        for (Keyword k : keywords) {
            if (sameFamily(k, section)) {
                out.add(k.name().split(" ", 2)[0]);
            }
        }
        return out;
    }

    /** Second words of keywords starting with {@code prefix} (e.g. every option name). */
    public Set<String> subWords(String prefix, SectionType section) {
        Set<String> out = new LinkedHashSet<>();
        for (Keyword k : keywords) {
            if (sameFamily(k, section) && k.name().startsWith(prefix + " ")) {
                out.add(k.name().substring(prefix.length() + 1).split(" ", 2)[0]);
            }
        }
        return out;
    }

    public LineOption bindOption(String name) {
        return bindOptions.get(name);
    }

    public LineOption serverOption(String name) {
        return serverOptions.get(name);
    }

    public Collection<String> bindOptionNames() {
        return bindOptions.keySet();
    }

    public Collection<String> serverOptionNames() {
        return serverOptions.keySet();
    }

    public List<Keyword> keywords() {
        return keywords;
    }

    public Collection<LineOption> bindOptions() {
        return bindOptions.values();
    }

    public Collection<LineOption> serverOptions() {
        return serverOptions.values();
    }

    public List<ConfigCheck> checks() {
        return checks;
    }

    /** HAProxy's keyword list this registry was completed from. */
    public KeywordCatalog catalog() {
        return catalog;
    }

    /** Collects keywords from {@link KeywordProvider}s. */
    public static final class Builder {
        private final List<Keyword> keywords = new ArrayList<>();
        private final Map<String, LineOption> bindOptions = new LinkedHashMap<>();
        private final Map<String, LineOption> serverOptions = new LinkedHashMap<>();
        private final Map<String, Group> groups = new LinkedHashMap<>();
        private final List<ConfigCheck> checks = new ArrayList<>();
        private final KeywordCatalog catalog = KeywordCatalog.load();

        private Builder() {
        }

        /**
         * Implements an HAProxy proxy keyword; where it may appear and its flags
         * come from the catalog.
         */
        public Builder proxy(String name, String summary, KeywordHandler handler) {
            KeywordCatalog.Entry e = catalogEntry(catalog.proxy(name), name);
            return add(new Keyword(name, e.sections(), e.flags(), Support.SUPPORTED, summary, handler));
        }

        /**
         * Implements an on/off proxy option ({@code option x}, {@code no option x})
         * that takes no argument; in a {@code defaults} section {@code default
         * option x} restores the built-in value.
         */
        public Builder proxyFlag(String name, String summary, Setting<Boolean> key) {
            return proxy(name, summary, ctx -> {
                ctx.noMoreThan(0);
                if (ctx.prefix() == KeywordContext.Prefix.DEFAULT) {
                    ctx.settings().reset(key);
                } else {
                    ctx.settings().set(key, !ctx.negated());
                }
            });
        }

        /** Implements an HAProxy proxy keyword with an extra flag (e.g. fatal without capability). */
        public Builder proxy(String name, int extraFlags, String summary, KeywordHandler handler) {
            KeywordCatalog.Entry e = catalogEntry(catalog.proxy(name), name);
            return add(new Keyword(name, e.sections(), e.flags() | extraFlags, Support.SUPPORTED, summary, handler));
        }

        /** Implements an HAProxy global keyword. */
        public Builder global(String name, String summary, KeywordHandler handler) {
            catalogEntry(catalog.global(name), name);
            return add(new Keyword(name, Sections.GLOBAL, 0, Support.SUPPORTED, summary, handler));
        }

        /** Marks an HAProxy global keyword as accepted without effect. */
        public Builder globalNoEffect(String name, int maxArgs, String reason) {
            catalogEntry(catalog.global(name), name);
            return noEffect(name, Sections.GLOBAL, maxArgs, reason);
        }

        /** Implements an HAProxy bind option; its argument count comes from the catalog. */
        public Builder bindOption(String name, String summary, LineOption.Handler handler) {
            KeywordCatalog.Entry e = catalogEntry(catalog.bind(name), name);
            return option(new LineOption(name, LineOption.Target.BIND, e.arguments(), Support.SUPPORTED, summary, handler,
                    e.emptyArgumentOk()));
        }

        /** Implements an HAProxy server option; its argument count comes from the catalog. */
        public Builder serverOption(String name, String summary, LineOption.Handler handler) {
            KeywordCatalog.Entry e = catalogEntry(catalog.server(name), name);
            LineOption.Target t = e.serverOnly() ? LineOption.Target.SERVER_ONLY : LineOption.Target.SERVER;
            return option(new LineOption(name, t, e.arguments(), Support.SUPPORTED, summary, handler,
                    e.emptyArgumentOk()));
        }

        private static KeywordCatalog.Entry catalogEntry(KeywordCatalog.Entry e, String name) {
            if (e == null) {
                throw new IllegalStateException("not an HAProxy 2.6 keyword (missing from the catalog): " + name);
            }
            return e;
        }

        public Builder add(Keyword k) {
            for (Keyword existing : keywords) {
                if (existing.name().equals(k.name()) && !disjoint(existing.sections(), k.sections())) {
                    throw new IllegalStateException("keyword registered twice: " + k.name());
                }
            }
            keywords.add(k);
            return this;
        }

        private static boolean disjoint(Set<SectionType> a, Set<SectionType> b) {
            for (SectionType s : a) {
                if (b.contains(s)) {
                    return false;
                }
            }
            return true;
        }

        /** Registers a supported keyword. */
        public Builder keyword(String name, Set<SectionType> sections, int flags, String summary,
                               KeywordHandler handler) {
            return add(new Keyword(name, sections, flags, Support.SUPPORTED, summary, handler));
        }

        /** Registers a keyword that parses but is refused as not supported yet. */
        public Builder notYet(String name, Set<SectionType> sections, String feature) {
            return add(new Keyword(name, sections, Keyword.NEGATABLE, Support.notYet(feature),
                    "not supported yet: " + feature, ctx -> {
                        throw ctx.error(ctx.quoted() + " is not supported yet by Fulcrum (" + feature + ").");
                    }));
        }

        /**
         * Registers a keyword accepted with a warning because it has no effect in
         * Fulcrum; {@code maxArgs} words may follow it (-1: any number).
         */
        public Builder noEffect(String name, Set<SectionType> sections, int maxArgs, String reason) {
            return add(new Keyword(name, sections, Keyword.NEGATABLE, Support.noEffect(reason),
                    "accepted, no effect: " + reason, ctx -> {
                        if (maxArgs >= 0) {
                            ctx.noMoreThan(maxArgs);
                        }
                        ctx.warn(ctx.quoted() + " has no effect in Fulcrum (" + reason + ").");
                    }));
        }

        public Builder group(String prefix, Set<SectionType> sections,
                             BiFunction<String, Collection<String>, String> unknownMessage) {
            groups.put(prefix, new Group(prefix, EnumSet.copyOf(sections), unknownMessage));
            return this;
        }

        public Builder option(LineOption option) {
            Map<String, LineOption> target = option.target() == LineOption.Target.BIND ? bindOptions : serverOptions;
            if (target.putIfAbsent(option.name(), option) != null) {
                throw new IllegalStateException("line option registered twice: " + option.name());
            }
            return this;
        }

        public Builder check(ConfigCheck check) {
            checks.add(check);
            return this;
        }

        public Builder include(KeywordProvider provider) {
            provider.register(this);
            return this;
        }

        /**
         * Builds the registry. Every catalog keyword that no room implemented is
         * added as "not supported yet", so using it is a precise error.
         */
        public KeywordRegistry build() {
            java.util.Set<String> known = new java.util.HashSet<>();
            for (Keyword k : keywords) {
                known.add((k.sections().contains(SectionType.GLOBAL) ? "global:" : "proxy:") + k.name());
            }
            for (KeywordCatalog.Entry e : catalog.all()) {
                switch (e.scope()) {
                    case "global", "proxy" -> {
                        if (!known.contains(e.scope() + ":" + e.name())) {
                            notYet(e.name(), e.sections(), e.feature());
                        }
                    }
                    case "bind" -> {
                        if (!bindOptions.containsKey(e.name())) {
                            option(new LineOption(e.name(), LineOption.Target.BIND, e.arguments(),
                                    Support.notYet(e.feature()), "not supported yet: " + e.feature(), ctx -> {
                                    }));
                        }
                    }
                    case "server" -> {
                        if (!serverOptions.containsKey(e.name())) {
                            option(new LineOption(e.name(), e.serverOnly() ? LineOption.Target.SERVER_ONLY
                                    : LineOption.Target.SERVER, e.arguments(), Support.notYet(e.feature()),
                                    "not supported yet: " + e.feature(), ctx -> {
                                    }));
                        }
                    }
                    default -> throw new IllegalStateException(e.scope());
                }
            }
            return new KeywordRegistry(this);
        }
    }
}
