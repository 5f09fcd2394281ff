package dev.fulcrum.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HAProxy 2.6's keywords as data: for each section, bind and server keyword,
 * where it may appear, its flags, its argument count (for line options) and the
 * feature it belongs to. Fulcrum's rooms implement keywords by name; whatever the
 * catalog lists and no room implements is refused as "not supported yet".
 */
public final class KeywordCatalog {

    /**
     * One catalog line.
     *
     * @param emptyArgumentOk for line options: HAProxy reads a missing value as an
     *                        empty string (its {@code atol()} gives 0) instead of
     *                        refusing the line ({@code server s 1.2.3.4 maxconn})
     */
    public record Entry(String scope, String name, Set<SectionType> sections, int flags, int arguments,
                        boolean serverOnly, boolean emptyArgumentOk, String feature) {
    }

    private static final String RESOURCE = "haproxy-2.6-keywords.tsv";

    private final Map<String, Entry> proxy = new LinkedHashMap<>();
    private final Map<String, Entry> global = new LinkedHashMap<>();
    private final Map<String, Entry> bind = new LinkedHashMap<>();
    private final Map<String, Entry> server = new LinkedHashMap<>();

    private KeywordCatalog() {
    }

    public static KeywordCatalog load() {
        KeywordCatalog c = new KeywordCatalog();
        try (InputStream in = KeywordCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                c.add(line.split("\t"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    private void add(String[] f) {
        String scope = f[0];
        String name = f[1];
        Set<SectionType> sections = EnumSet.noneOf(SectionType.class);
        int flags = 0;
        int args = 0;
        boolean serverOnly = false;
        boolean emptyOk = false;
        if (f[2].contains("D")) {
            sections.add(SectionType.DEFAULTS);
        }
        if (f[2].contains("F")) {
            sections.add(SectionType.FRONTEND);
        }
        if (f[2].contains("B")) {
            sections.add(SectionType.BACKEND);
        }
        for (String flag : f[3].split(",")) {
            switch (flag) {
                case "negatable" -> flags |= Keyword.NEGATABLE;
                case "named-defaults" -> flags |= Keyword.NAMED_DEFAULTS_ONLY;
                case "server-only" -> serverOnly = true;
                case "empty-ok" -> emptyOk = true;
                default -> {
                    if (flag.startsWith("args=")) {
                        args = Integer.parseInt(flag.substring(5));
                    }
                }
            }
        }
        if (scope.equals("global")) {
            sections = EnumSet.of(SectionType.GLOBAL);
        }
        Entry e = new Entry(scope, name, sections, flags, args, serverOnly, emptyOk, f[4]);
        switch (scope) {
            case "proxy" -> proxy.put(name, e);
            case "global" -> global.put(name, e);
            case "bind" -> bind.put(name, e);
            case "server" -> server.put(name, e);
            default -> throw new IllegalStateException("bad catalog scope: " + scope);
        }
    }

    public Entry proxy(String name) {
        return proxy.get(name);
    }

    public Entry global(String name) {
        return global.get(name);
    }

    public Entry bind(String name) {
        return bind.get(name);
    }

    public Entry server(String name) {
        return server.get(name);
    }

    public List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        out.addAll(global.values());
        out.addAll(proxy.values());
        out.addAll(bind.values());
        out.addAll(server.values());
        return out;
    }
}
