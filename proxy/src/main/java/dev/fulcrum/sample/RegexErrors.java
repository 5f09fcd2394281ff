package dev.fulcrum.sample;

import java.util.regex.PatternSyntaxException;

/**
 * HAProxy's message for a regex that does not compile:
 * {@code regex '(' is invalid (error=missing closing parenthesis, erroffset=1)}.
 * HAProxy 2.6 on Debian uses PCRE2, whose wording differs from Java's; the common
 * errors are reworded as PCRE2 says them, the rest keep Java's description.
 */
public final class RegexErrors {

    private RegexErrors() {
    }

    /** The whole message for {@code regex}. */
    public static String message(String regex, PatternSyntaxException e) {
        return "regex '" + regex + "' is invalid (error=" + pcre(e.getDescription()) + ", erroffset="
                + Math.max(0, e.getIndex()) + ")";
    }

    private static String pcre(String java) {
        return switch (java) {
            case "Unclosed group" -> "missing closing parenthesis";
            case "Unmatched closing ')'" -> "unmatched closing parenthesis";
            case "Unclosed character class" -> "missing terminating ] for character class";
            case "Unclosed counted closure" -> "missing closing parenthesis";
            default -> java.startsWith("Dangling meta character")
                    ? "quantifier does not follow a repeatable item" : java;
        };
    }
}
