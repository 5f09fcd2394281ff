package dev.fulcrum.config;

import java.util.EnumSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A section keyword: its name (one or more words, e.g. {@code "timeout client"}),
 * where it may appear, whether it is implemented, a one-line summary for the
 * generated documentation, and its parser.
 *
 * @param name     the keyword words, space-separated
 * @param sections the section types it is valid in; for proxy keywords a subset
 *                 of DEFAULTS, FRONTEND, BACKEND (LISTEN is implied by either of
 *                 the latter two)
 * @param flags    a combination of the {@code static final int} flags below
 * @param support  implemented, or refused as not supported yet
 * @param summary  one line for docs/configuration.md
 * @param handler  the parser
 */
public record Keyword(String name, Set<SectionType> sections, int flags, Support support, String summary,
                      KeywordHandler handler) {

    /** Only allowed in named defaults sections (HAProxy's "(!)"). */
    public static final int NAMED_DEFAULTS_ONLY = 1;
    /** May be prefixed with {@code no} or {@code default} (HAProxy's "(*)"). */
    public static final int NEGATABLE = 2;
    /**
     * In a proxy lacking the capability the keyword needs (e.g. {@code server} in
     * a frontend) this is an error; otherwise HAProxy only warns and ignores it.
     */
    public static final int FATAL_WITHOUT_CAPABILITY = 4;

    public Keyword {
        requireNonNull(name, "name");
        sections = Set.copyOf(EnumSet.copyOf(sections));
        requireNonNull(support, "support");
        requireNonNull(summary, "summary");
        requireNonNull(handler, "handler");
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Number of words in the keyword itself. */
    public int wordCount() {
        int n = 1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    public boolean isProxyKeyword() {
        for (SectionType s : sections) {
            if (!s.isProxy()) {
                return false;
            }
        }
        return true;
    }
}
