package dev.fulcrum.map;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regex matching that cannot take an event loop down: java.util.regex recurses
 * on some patterns and may overflow the stack on long input, where PCRE would
 * stop at its match limit. Such a match counts as no match.
 */
final class Regexes {

    private Regexes() {
    }

    static boolean find(Pattern p, CharSequence s) {
        return find(p.matcher(s));
    }

    static boolean find(Matcher m) {
        try {
            return m.find();
        } catch (StackOverflowError e) {
            return false;
        }
    }
}
