package dev.fulcrum.config;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One statement after lexing and conditional-block processing.
 *
 * @param location where it was written
 * @param words    the words, quotes and escapes resolved, variables expanded
 * @param raw      the line as written, for messages
 */
public record ConfigLine(SourceLocation location, List<String> words, String raw) {

    public ConfigLine {
        requireNonNull(location, "location");
        words = List.copyOf(words);
        requireNonNull(raw, "raw");
    }

    public String word(int i) {
        return i < words.size() ? words.get(i) : "";
    }

    public int size() {
        return words.size();
    }
}
