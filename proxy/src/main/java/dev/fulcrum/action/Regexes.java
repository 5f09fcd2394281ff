package dev.fulcrum.action;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HAProxy's regex replacement: a match anywhere selects the value, which becomes the format with {@code \N} expanded. */
final class Regexes {

    private Regexes() {
    }

    /**
     * The replacement for {@code input} when {@code regex} finds a match in it,
     * else {@code null}. As in HAProxy, the whole input is replaced (not only the
     * matched part): {@code fmt} with {@code \0}..{@code \9} standing for the
     * match's groups (a group that did not participate is empty).
     */
    static String replace(String input, Pattern regex, String fmt) {
        Matcher m = regex.matcher(input);
        if (!m.find()) {
            return null;
        }
        if (fmt.indexOf('\\') < 0) {
            return fmt;
        }
        StringBuilder out = new StringBuilder(fmt.length() + input.length());
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '\\' && i + 1 < fmt.length()) {
                char d = fmt.charAt(i + 1);
                if (d >= '0' && d <= '9') {
                    int g = d - '0';
                    if (g <= m.groupCount() && m.group(g) != null) {
                        out.append(m.group(g));
                    }
                    i++;
                    continue;
                }
                if (d == '\\') {
                    out.append('\\');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
