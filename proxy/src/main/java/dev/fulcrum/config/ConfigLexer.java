package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts one configuration line into words exactly as HAProxy does.
 *
 * <ul>
 *   <li>Words are separated by unprotected spaces and tabs; an unprotected
 *       {@code #} ends the line.</li>
 *   <li>Outside single quotes a backslash protects a space, {@code #}, {@code \},
 *       {@code '}, {@code "} and {@code $}, and produces {@code \n}, {@code \r},
 *       {@code \t} and {@code \xNN}. Any other backslash is kept as is, so regexes
 *       such as {@code ^/a\.b} survive unquoted.</li>
 *   <li>Double quotes protect spaces, {@code #} and single quotes, and expand
 *       environment variables: {@code $NAME}, {@code ${NAME}},
 *       {@code ${NAME-default}} and {@code ${NAME[*]}} (one word per
 *       space-separated value). Outside double quotes {@code $} is literal.</li>
 *   <li>Single quotes protect everything up to the next single quote.</li>
 * </ul>
 *
 * <p>An empty quoted string ({@code ""}) is an empty word. Variables are looked up
 * through a function so that pseudo-variables ({@code .FILE}, {@code .LINE},
 * {@code .SECTION}) and tests can supply their own values.
 */
public final class ConfigLexer {

    private ConfigLexer() {
    }

    /**
     * Splits {@code line} into words.
     *
     * @param variables returns a variable's value, or {@code null} when it is unset
     * @throws LexException with the 1-based position of the offending character
     */
    public static List<String> split(String line, Function<String, String> variables) throws LexException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;      // a word has started (even if it is still empty: "")
        char quote = 0;              // 0, '"' or '\''
        int quoteStart = -1;
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n) {
                char e = line.charAt(i + 1);
                switch (e) {
                    case ' ', '#', '\\', '\'', '"', '$' -> {
                        word.append(e);
                        i += 2;
                    }
                    case 'n' -> {
                        word.append('\n');
                        i += 2;
                    }
                    case 'r' -> {
                        word.append('\r');
                        i += 2;
                    }
                    case 't' -> {
                        word.append('\t');
                        i += 2;
                    }
                    case 'x' -> {
                        int hi = i + 2 < n ? Character.digit(line.charAt(i + 2), 16) : -1;
                        int lo = i + 3 < n ? Character.digit(line.charAt(i + 3), 16) : -1;
                        if (hi < 0 || lo < 0) {
                            throw new LexException(i + 1, "truncated or invalid hexadecimal sequence");
                        }
                        word.append((char) (hi << 4 | lo));
                        i += 4;
                    }
                    default -> {
                        word.append(c).append(e);
                        i += 2;
                    }
                }
                inWord = true;
                continue;
            }
            if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                    i++;
                } else if (c == '$') {
                    i = expand(line, i, variables, word, words);
                } else {
                    word.append(c);
                    i++;
                }
                continue;
            }
            // unquoted
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            inWord = true;
            if (c == '"' || c == '\'') {
                quote = c;
                quoteStart = i;
            } else {
                word.append(c);
            }
            i++;
        }
        if (quote != 0) {
            throw new LexException(quoteStart + 1, "unmatched quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Expands the variable whose {@code $} is at {@code dollar}, appending to
     * {@code word} (and to {@code words} for {@code [*]} lists). Returns the index
     * just past the reference.
     */
    private static int expand(String line, int dollar, Function<String, String> variables,
                              StringBuilder word, List<String> words) throws LexException {
        int n = line.length();
        int i = dollar + 1;
        boolean braced = i < n && line.charAt(i) == '{';
        if (braced) {
            i++;
        }
        int nameStart = i;
        if (i >= n || !isNameStart(line.charAt(i))) {
            throw new LexException(i + 1, "forbidden first char in environment variable name");
        }
        i++;
        while (i < n && isNameChar(line.charAt(i))) {
            i++;
        }
        String name = line.substring(nameStart, i);
        String value;
        boolean list = false;
        if (braced) {
            String fallback = null;
            if (i < n && line.charAt(i) == '-') {
                int close = line.indexOf('}', i);
                if (close < 0) {
                    throw new LexException(dollar + 2, "unmatched brace in environment variable name");
                }
                fallback = line.substring(i + 1, close);
                i = close;
            } else if (line.startsWith("[*]", i)) {
                list = true;
                i += 3;
            }
            if (i >= n || line.charAt(i) != '}') {
                throw new LexException(dollar + 2, "unmatched brace in environment variable name");
            }
            i++;
            value = variables.apply(name);
            if (value == null) {
                value = fallback != null ? fallback : "";
            }
        } else {
            value = variables.apply(name);
            if (value == null) {
                value = "";
            }
        }
        if (!list) {
            word.append(value);
            return i;
        }
        String[] parts = value.trim().split("[ \t]+");
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
            word.append(parts[p]);
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
