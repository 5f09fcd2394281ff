package dev.fulcrum.map;

import dev.fulcrum.config.Setting;
import dev.fulcrum.config.Settings;
import dev.fulcrum.config.SourceLocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pattern references of one configuration: each pattern or map file is read
 * once and shared by every ACL and map that names it; each {@code acl} line with
 * inline patterns has a reference of its own. Ids are given in creation order,
 * as HAProxy does, and are what the runtime API shows as {@code #<id>}.
 *
 * <p>The store is attached to the global settings of the configuration load that
 * created it ({@link #of(Settings.Builder)} while parsing, {@link #of(Settings)}
 * afterwards), so the running engine and its runtime API find the very objects
 * the compiled ACLs and maps read. Unlike other settings it is mutable: it is the
 * runtime state of the maps.
 */
public final class PatternStore {

    static final Setting<PatternStore> KEY = Setting.local("pattern references", null);

    private final Map<String, PatternRef> files = new LinkedHashMap<>();
    private final List<PatternRef> all = new ArrayList<>();

    /** The store of the configuration being parsed, created on first use. */
    public static PatternStore of(Settings.Builder global) {
        PatternStore s = global.get(KEY);
        if (s == null) {
            s = new PatternStore();
            global.set(KEY, s);
        }
        return s;
    }

    /** The store of a parsed configuration ({@code Configuration.global()}); empty if nothing used patterns. */
    public static PatternStore of(Settings global) {
        PatternStore s = global.get(KEY);
        return s == null ? new PatternStore() : s;
    }

    /**
     * The reference of a pattern file, read now if it was not yet.
     *
     * @param twoColumns whether lines are {@code key value} (maps, {@code -M}) or whole patterns
     * @param usage      {@code acl} or {@code map}, for the description
     * @throws IllegalArgumentException with HAProxy's message when the file cannot be read
     *                                  or is already used with the other number of columns
     */
    public synchronized PatternRef file(String path, boolean twoColumns, String usage, SourceLocation where) {
        PatternRef ref = files.get(path);
        if (ref == null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(path), StandardCharsets.ISO_8859_1);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("failed to open pattern file <" + path + ">");
            }
            ref = new PatternRef(all.size(), path, twoColumns, "pattern loaded from file '" + path + "'");
            read(ref, lines);
            files.put(path, ref);
            all.add(ref);
        } else if (ref.twoColumns() != twoColumns) {
            throw new IllegalArgumentException("The file \"" + path + "\" is already used as "
                    + (ref.twoColumns() ? "two" : "one") + " column file and cannot be used by as "
                    + (twoColumns ? "two" : "one") + " column file.");
        }
        ref.addUsage(usage, where);
        return ref;
    }

    /** A new reference for the inline patterns of an {@code acl} line. */
    public synchronized PatternRef inline(String keyword, SourceLocation where, List<String> patterns) {
        PatternRef ref = new PatternRef(all.size(), "", false,
                "acl '" + keyword + "' file '" + where.file() + "' line " + where.line());
        List<String[]> kv = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (String p : patterns) {
            kv.add(new String[] {p, null});
            lines.add(0);
        }
        ref.load(kv, lines);
        all.add(ref);
        return ref;
    }

    /** The reference of a file, or {@code null}. */
    public synchronized PatternRef byFile(String path) {
        return files.get(path);
    }

    /** The reference with this id, or {@code null}. */
    public synchronized PatternRef byId(int id) {
        return id >= 0 && id < all.size() ? all.get(id) : null;
    }

    /** Every reference, by id. */
    public synchronized List<PatternRef> all() {
        return List.copyOf(all);
    }

    /**
     * Reads pattern lines as HAProxy does: leading blanks are skipped, empty lines
     * and lines starting with {@code #} are ignored. A one-column line is the rest
     * of the line (trailing blanks kept); a two-column line is a key up to the
     * first blank, then a value with surrounding blanks removed.
     */
    private static void read(PatternRef ref, List<String> lines) {
        List<String[]> kv = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == '\r') {
                end--;
            }
            int i = 0;
            while (i < end && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i == end || line.charAt(i) == '#') {
                continue;
            }
            if (!ref.twoColumns()) {
                kv.add(new String[] {line.substring(i, end), null});
            } else {
                int k = i;
                while (k < end && line.charAt(k) != ' ' && line.charAt(k) != '\t') {
                    k++;
                }
                int v = k;
                while (v < end && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) {
                    v++;
                }
                int ve = end;
                while (ve > v && (line.charAt(ve - 1) == ' ' || line.charAt(ve - 1) == '\t')) {
                    ve--;
                }
                kv.add(new String[] {line.substring(i, k), line.substring(v, ve)});
            }
            numbers.add(n + 1);
        }
        ref.load(kv, numbers);
    }
}
