package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns statements into sections: opens a section on each section keyword,
 * dispatches every other statement to its {@link Keyword} through the
 * {@link KeywordRegistry}, parses {@code bind}/{@code server} lines with their
 * options, and closes sections into immutable {@link ProxyConfig}s and
 * {@link SectionConfig}s. Errors are collected, never thrown, so that one run
 * reports all of them as HAProxy does.
 */
public final class ConfigParser {

    private final ParseState state;
    private final KeywordRegistry registry;

    private ProxyBuilder proxy;
    private SectionBuilder section;
    private boolean inGlobal;
    /** A section whose header was refused: its body is skipped silently. */
    private boolean skipping;
    private ProxyConfig lastDefaults;

    public ConfigParser(KeywordRegistry registry, Diagnostics diagnostics, ConfigEnvironment environment) {
        this.registry = registry;
        this.state = new ParseState(diagnostics, environment, registry);
        // a line read in place of another (a translated legacy rewrite) never stops the load:
        // haproxy would have refused the original line and read on
        state.reparser(line -> accept(line, false));
    }

    /** Parses one statement. */
    public void accept(ConfigLine line) {
        accept(line, true);
    }

    private void accept(ConfigLine line, boolean mayAbort) {
        try {
            statement(line);
        } catch (ConfigException e) {
            state.diagnostics().alert(e);
            if (e.aborts() && mayAbort) {
                state.diagnostics().abort();
            }
        }
    }

    /** Ends the current file: a file always ends its section. */
    public void endOfFile() {
        endSection();
    }

    /** Parses the statements of one file. */
    public void parse(List<ConfigLine> lines) {
        lines.forEach(this::accept);
        endOfFile();
    }

    /** The parsed configuration; run {@link #parse} for every file first. */
    public Configuration result(List<String> files) {
        endSection();
        // Proxies without an explicit id get the lowest free ones, in declaration order.
        List<ProxyConfig> proxies = new ArrayList<>(state.proxies.size());
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (ProxyConfig p : state.proxies) {
            if (p.id() > 0) {
                taken.add(p.id());
            }
        }
        int nextId = 1;
        for (ProxyConfig p : state.proxies) {
            if (p.id() > 0) {
                proxies.add(p);
                continue;
            }
            while (taken.contains(nextId)) {
                nextId++;
            }
            taken.add(nextId);
            proxies.add(p.withId(nextId));
        }
        Configuration config = new Configuration(files, state.global().build(), proxies, state.defaults,
                state.sections);
        return config;
    }

    private void statement(ConfigLine line) throws ConfigException {
        String first = line.word(0);
        SectionType type = SectionType.of(first);
        if (type != null) {
            endSection();
            startSection(type, line);
            return;
        }
        if (skipping) {
            return;
        }
        if (!inGlobal && proxy == null && section == null) {
            throw new ConfigException(line.location(), "unknown keyword '" + first + "' out of section.",
                    Diagnostic.Style.COMPACT);
        }
        SectionType current = inGlobal ? SectionType.GLOBAL : proxy != null ? proxy.type() : section.type();
        dispatch(current, line);
    }

    private void dispatch(SectionType current, ConfigLine line) throws ConfigException {
        List<String> words = line.words();
        int at = 0;
        KeywordContext.Prefix prefix = KeywordContext.Prefix.NONE;
        if ((words.get(0).equals("no") || words.get(0).equals("default")) && words.size() > 1) {
            prefix = words.get(0).equals("no") ? KeywordContext.Prefix.NO : KeywordContext.Prefix.DEFAULT;
            at = 1;
        }
        Keyword keyword = registry.find(current, words, at);
        if (prefix != KeywordContext.Prefix.NONE && !words.get(at).equals("option")
                && (keyword == null || !keyword.has(Keyword.NEGATABLE))) {
            // HAProxy complains, then parses the line as if the prefix were not there
            state.diagnostics().add(new Diagnostic(Severity.ALERT, line.location(), "negation/default currently "
                    + "supported only for options, log, busy-polling, set-dumpable, strict-limits, "
                    + "insecure-fork-wanted and numa-cpu-mapping.", Diagnostic.Style.COMPACT));
            prefix = KeywordContext.Prefix.NONE;
        }
        if (keyword == null) {
            String word = words.get(at);
            KeywordRegistry.Group group = registry.group(word, current);
            if (group != null) {
                String sub = at + 1 < words.size() ? words.get(at + 1) : "";
                throw new ConfigException(line.location(), group.unknownMessage()
                        .apply(sub, registry.subWords(word, current)));
            }
            throw new ConfigException(line.location(), "unknown keyword '" + word + "' in '" + current.keyword()
                    + "' section" + Suggestions.didYouMean(word, sectionWords(current)));
        }
        if (prefix != KeywordContext.Prefix.NONE && !keyword.has(Keyword.NEGATABLE)) {
            throw new ConfigException(line.location(), "negation/default is not supported for option '"
                    + keyword.name().substring("option ".length()) + "'.", Diagnostic.Style.COMPACT);
        }
        if (prefix == KeywordContext.Prefix.DEFAULT && keyword.name().startsWith("option ")
                && !keyword.name().equals("option redispatch")) {
            // Observed with HAProxy 2.6: "default option X" counts the option's own name
            // as an extra argument and refuses the line; only 'redispatch' escapes it.
            String option = keyword.name().substring("option ".length());
            throw new ConfigException(line.location(), "'" + keyword.name() + "' cannot handle unexpected argument '"
                    + option + "'.");
        }
        if (proxy != null && !allowedHere(keyword, line)) {
            return;
        }
        KeywordContext ctx = new KeywordContext(line, keyword, at + keyword.wordCount(), prefix, state, proxy, section);
        keyword.handler().parse(ctx);
    }

    /** What a misspelt first word may have meant: a keyword of this section, or a section keyword. */
    private java.util.Set<String> sectionWords(SectionType current) {
        java.util.Set<String> words = new java.util.LinkedHashSet<>(registry.firstWords(current));
        for (SectionType t : SectionType.values()) {
            words.add(t.keyword());
        }
        return words;
    }

    /** Applies HAProxy's rules for keywords used where their capability is missing. */
    private boolean allowedHere(Keyword keyword, ConfigLine line) throws ConfigException {
        if (proxy.isDefaults()) {
            if (!keyword.sections().contains(SectionType.DEFAULTS)) {
                throw new ConfigException(line.location(), "'" + keyword.name() + "' not allowed in 'defaults' section.");
            }
            if (keyword.has(Keyword.NAMED_DEFAULTS_ONLY) && proxy.name().isEmpty()) {
                throw new ConfigException(line.location(),
                        "'" + keyword.name() + "' not allowed in anonymous 'defaults' section.");
            }
            return true;
        }
        boolean wantsFrontend = keyword.sections().contains(SectionType.FRONTEND);
        boolean wantsBackend = keyword.sections().contains(SectionType.BACKEND);
        if ((wantsFrontend && proxy.hasFrontend()) || (wantsBackend && proxy.hasBackend())) {
            return true;
        }
        String missing = wantsFrontend ? "frontend" : "backend";
        String who = proxy.kindName() + " '" + proxy.name() + "'";
        if (keyword.has(Keyword.FATAL_WITHOUT_CAPABILITY)) {
            throw new ConfigException(line.location(),
                    "'" + keyword.name() + "' not allowed because " + who + " has no " + missing + " capability.");
        }
        String hint = keyword.name().equals("maxconn") ? " Maybe you want 'fullconn' instead ?" : "";
        state.diagnostics().warning(line.location(),
                "'" + keyword.name() + "' ignored because " + who + " has no " + missing + " capability." + hint);
        return false;
    }

    private void startSection(SectionType type, ConfigLine line) throws ConfigException {
        skipping = false;
        SourceLocation where = line.location();
        if (type == SectionType.GLOBAL) {
            inGlobal = true;
            return;
        }
        if (!type.isProxy() && registry.firstWords(type).isEmpty()) {
            skipping = true;
            throw new ConfigException(where, "'" + type.keyword() + "' sections are not supported yet by Fulcrum.");
        }
        String name = line.word(1);
        int next = 2;
        if (type == SectionType.DEFAULTS && (name.isEmpty() || name.equals("from"))) {
            name = "";
            next = 1;
        }
        if (name.isEmpty() && type.nameRequired()) {
            skipping = true;
            throw new ConfigException(where, "'" + type.keyword() + "' expects an <id> argument");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
                skipping = true;
                throw new ConfigException(where, "character '" + c + "' is not permitted in '" + type.keyword()
                        + "' name '" + name + "'.");
            }
        }
        if (!type.isProxy()) {
            for (SectionConfig s : state.sections) {
                if (s.type() == type && s.name().equals(name)) {
                    state.diagnostics().alert(where, type.keyword() + " '" + name + "' has the same name as another "
                            + type.keyword() + " declared at " + s.location() + ".");
                }
            }
            section = new SectionBuilder(type, name, where);
            return;
        }
        ProxyConfig from = lastDefaults;
        if (line.word(next).equals("from")) {
            String ref = line.word(next + 1);
            from = state.namedDefaults.get(ref);
            if (ref.isEmpty() || from == null) {
                skipping = true;
                throw new ConfigException(where, "defaults section '" + ref + "' not found for "
                        + ProxyConfig.describe(type) + " '" + name + "'.");
            }
            next += 2;
        } else if (type == SectionType.DEFAULTS) {
            from = null; // a defaults section resets everything unless it says "from"
        }
        // HAProxy 2.6 ignores extra words on a defaults line; on a proxy line they
        // were listening addresses in old versions.
        if (!line.word(next).isEmpty() && type != SectionType.DEFAULTS) {
            skipping = true;
            if (next > 2) {
                state.diagnostics().alert(where, "'" + type.keyword() + "' cannot handle unexpected argument '"
                        + line.word(next) + "'.");
            }
            throw new ConfigException(where, "please use the 'bind' keyword for listening addresses.");
        }
        if (type != SectionType.DEFAULTS) {
            checkDuplicate(type, name, where);
        }
        proxy = new ProxyBuilder(name, type, where, from);
    }

    private void checkDuplicate(SectionType type, String name, SourceLocation where) {
        boolean fe = type != SectionType.BACKEND;
        boolean be = type != SectionType.FRONTEND;
        for (ProxyConfig p : state.proxies) {
            if (p.name().equals(name) && ((fe && p.hasFrontend()) || (be && p.hasBackend()))) {
                state.diagnostics().add(new Diagnostic(Severity.ALERT, where, ProxyConfig.describe(type) + " '" + name
                        + "' has the same name as " + p.kindName() + " '" + name + "' declared at " + p.location() + ".",
                        Diagnostic.Style.COMPACT));
                return;
            }
        }
    }

    private void endSection() {
        if (proxy != null) {
            if (proxy.isDefaults()) {
                ProxyConfig d = proxy.build(0);
                state.defaults.add(d);
                lastDefaults = d;
                if (!d.name().isEmpty()) {
                    state.namedDefaults.put(d.name(), d);
                }
            } else {
                state.proxies.add(proxy.build(proxy.explicitId())); // 0: assigned in result()
            }
            proxy = null;
        }
        if (section != null) {
            state.sections.add(section.build());
            section = null;
        }
        inGlobal = false;
        skipping = false;
    }
}
