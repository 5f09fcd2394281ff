package dev.fulcrum.config;

import java.util.List;

/**
 * What a {@link KeywordHandler} sees while parsing one statement: the words after
 * the keyword, whether it was prefixed with {@code no} or {@code default}, the
 * section being built, and helpers that produce HAProxy-shaped errors.
 */
public final class KeywordContext {

    /** The prefix a negatable keyword was written with. */
    public enum Prefix { NONE, NO, DEFAULT }

    private final ConfigLine line;
    private final Keyword keyword;
    private final int argStart;
    private final Prefix prefix;
    private final ParseState state;
    private final ProxyBuilder proxy;
    private final SectionBuilder section;

    KeywordContext(ConfigLine line, Keyword keyword, int argStart, Prefix prefix, ParseState state,
                   ProxyBuilder proxy, SectionBuilder section) {
        this.line = line;
        this.keyword = keyword;
        this.argStart = argStart;
        this.prefix = prefix;
        this.state = state;
        this.proxy = proxy;
        this.section = section;
    }

    public ConfigLine line() {
        return line;
    }

    public SourceLocation location() {
        return line.location();
    }

    public Keyword keyword() {
        return keyword;
    }

    /** The keyword as HAProxy quotes it in messages, e.g. {@code 'timeout client'}. */
    public String quoted() {
        return "'" + keyword.name() + "'";
    }

    public Prefix prefix() {
        return prefix;
    }

    public boolean negated() {
        return prefix == Prefix.NO;
    }

    /** The i-th word after the keyword (0-based), or {@code ""}. */
    public String arg(int i) {
        return line.word(argStart + i);
    }

    /** How many words follow the keyword. */
    public int argCount() {
        return Math.max(0, line.size() - argStart);
    }

    /** The words after the keyword, from the i-th on. */
    public List<String> args(int from) {
        int start = Math.min(line.size(), argStart + from);
        return line.words().subList(start, line.size());
    }

    /** Index of the first argument within {@link ConfigLine#words()}. */
    public int argStart() {
        return argStart;
    }

    public ParseState state() {
        return state;
    }

    public Diagnostics diagnostics() {
        return state.diagnostics();
    }

    /** The global settings. */
    public Settings.Builder global() {
        return state.global();
    }

    /** The proxy being built, or {@code null} outside proxy sections. */
    public ProxyBuilder proxy() {
        return proxy;
    }

    /** The non-proxy section being built, or {@code null}. */
    public SectionBuilder section() {
        return section;
    }

    /** The settings of whatever section is being built. */
    public Settings.Builder settings() {
        if (proxy != null) {
            return proxy.settings();
        }
        if (section != null) {
            return section.settings();
        }
        return state.global();
    }

    /**
     * Parses {@code words} in place of this statement, at the same location (for
     * obsolete syntax that translates into a current statement). Errors of that
     * statement are reported as its own.
     */
    public void parseInstead(List<String> words) {
        state.reparse(new ConfigLine(location(), words, String.join(" ", words)));
    }

    public ConfigException error(String message) {
        return new ConfigException(location(), message);
    }

    public void warn(String message) {
        state.diagnostics().warning(location(), message);
    }

    /** Fails unless there are between {@code min} and {@code max} arguments, with HAProxy's wording. */
    public void expectArgs(int min, int max, String expected) throws ConfigException {
        if (argCount() < min || arg(min - 1).isEmpty() && min > 0) {
            throw error(quoted() + " expects " + expected + ".");
        }
        if (argCount() > max && !arg(max).isEmpty()) {
            throw error(quoted() + " cannot handle unexpected argument '" + arg(max) + "'.");
        }
    }

    /** Fails if there is anything after the {@code max} first arguments. */
    public void noMoreThan(int max) throws ConfigException {
        if (argCount() > max && !arg(max).isEmpty()) {
            throw error(quoted() + " cannot handle unexpected argument '" + arg(max) + "'.");
        }
    }

    /** Parses argument {@code i} as a time in milliseconds. */
    public long millis(int i) throws ConfigException {
        String v = arg(i);
        if (v.isEmpty()) {
            throw error(quoted() + " expects an integer value (in milliseconds)");
        }
        try {
            return Units.millis(v, quoted());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** Parses argument {@code i} as a size in bytes. */
    public long size(int i) throws ConfigException {
        try {
            return Units.size(arg(i), quoted());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * Reads argument {@code i} as HAProxy's {@code atol()} does for this keyword.
     * A value that is not a clean integer is accepted as HAProxy accepts it, with
     * a warning saying what it was read as.
     */
    public long lenientInteger(int i) throws ConfigException {
        String v = arg(i);
        if (v.isEmpty()) {
            throw error(quoted() + " expects an integer argument.");
        }
        long n = Units.atol(v);
        if (!Units.isInteger(v)) {
            warn(quoted() + " expects an integer, '" + v + "' is read as " + n + " (as HAProxy does).");
        }
        return n;
    }

    /** Parses argument {@code i} as an integer within {@code [min, max]}. */
    public long integer(int i, long min, long max) throws ConfigException {
        String v = arg(i);
        if (!Units.isInteger(v)) {
            throw error(quoted() + " expects an integer argument" + (v.isEmpty() ? "." : ", got '" + v + "'."));
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw error(quoted() + " value '" + v + "' is out of range (expected: " + min + "-" + max + ").");
        }
        if (n < min || n > max) {
            throw error(quoted() + " value '" + v + "' is out of range (expected: " + min + "-" + max + ").");
        }
        return n;
    }
}
