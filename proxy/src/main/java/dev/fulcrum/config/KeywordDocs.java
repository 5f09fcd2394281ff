package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders docs/configuration.md from the keyword registry: every HAProxy 2.6
 * keyword, where it may appear, and whether Fulcrum implements it. The registry
 * is the single source of truth, so the document cannot drift from the parser.
 */
public final class KeywordDocs {

    private KeywordDocs() {
    }

    public static String render(KeywordRegistry registry) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration keywords\n\n")
                .append("Generated from Fulcrum's keyword registry by `KeywordDocsTest` ")
                .append("(regenerate with `mvn -pl proxy test -Dtest=KeywordDocsTest -Dfulcrum.updateDocs=true`).\n")
                .append("Fulcrum reads HAProxy 2.6's configuration language. Every HAProxy keyword is known to the parser:\n\n")
                .append("* **yes**: implemented;\n")
                .append("* **not yet**: parsed and refused at startup and by `-c` with `... is not supported yet by Fulcrum (feature)`;\n")
                .append("* **no effect**: accepted with a warning, because it tunes a mechanism Fulcrum does not have.\n\n");
        List<Keyword> global = new ArrayList<>();
        List<Keyword> proxy = new ArrayList<>();
        List<Keyword> other = new ArrayList<>();
        List<Keyword> removed = new ArrayList<>();
        for (Keyword k : registry.keywords()) {
            if (LegacyRewrites.legacy(k.name()) != null) {
                removed.add(k);
            } else if (k.sections().contains(SectionType.GLOBAL)) {
                global.add(k);
            } else if (k.isProxyKeyword()) {
                proxy.add(k);
            } else {
                other.add(k);
            }
        }
        Comparator<Keyword> byName = Comparator.comparing(Keyword::name);
        global.sort(byName);
        proxy.sort(byName);
        other.sort(byName);
        out.append(summary(registry)).append('\n');

        out.append("## Global section\n\n| keyword | Fulcrum | notes |\n|---|---|---|\n");
        for (Keyword k : global) {
            out.append("| `").append(k.name()).append("` | ").append(status(k.support())).append(" | ")
                    .append(escape(k.summary())).append(" |\n");
        }
        out.append("\n## Proxy sections\n\nColumns follow HAProxy's keyword matrix: d = defaults, f = frontend, ")
                .append("b = backend; `listen` accepts both f and b keywords. (!) = named defaults only.\n\n")
                .append("| keyword | d | f | b | Fulcrum | notes |\n|---|---|---|---|---|---|\n");
        for (Keyword k : proxy) {
            out.append("| `").append(k.name()).append("` | ")
                    .append(k.sections().contains(SectionType.DEFAULTS) ? (k.has(Keyword.NAMED_DEFAULTS_ONLY) ? "(!)" : "x") : "")
                    .append(" | ").append(k.sections().contains(SectionType.FRONTEND) ? "x" : "")
                    .append(" | ").append(k.sections().contains(SectionType.BACKEND) ? "x" : "")
                    .append(" | ").append(status(k.support())).append(" | ").append(escape(k.summary())).append(" |\n");
        }
        if (!other.isEmpty()) {
            out.append("\n## Other sections\n\n| section | keyword | Fulcrum | notes |\n|---|---|---|---|\n");
            for (Keyword k : other) {
                out.append("| ").append(k.sections().iterator().next().keyword()).append(" | `").append(k.name())
                        .append("` | ").append(status(k.support())).append(" | ").append(escape(k.summary())).append(" |\n");
            }
        }
        removed.sort(byName);
        out.append("\n## Removed in HAProxy 2.1\n\nhaproxy 2.6 refuses these. Fulcrum reads a line it can translate ")
                .append("as the modern statement (with a warning that prints it), and refuses the others with ")
                .append("haproxy's message.\n\n| keyword | Fulcrum |\n|---|---|\n");
        for (Keyword k : removed) {
            out.append("| `").append(k.name()).append("` | ").append(escape(k.summary())).append(" |\n");
        }
        lineOptions(out, "Bind options", registry.bindOptions());
        lineOptions(out, "Server and default-server options", registry.serverOptions());
        return out.toString();
    }

    private static String summary(KeywordRegistry registry) {
        int yes = 0;
        int notYet = 0;
        int noEffect = 0;
        List<Support> all = new ArrayList<>();
        registry.keywords().stream().filter(k -> LegacyRewrites.legacy(k.name()) == null)
                .forEach(k -> all.add(k.support()));
        registry.bindOptions().forEach(o -> all.add(o.support()));
        registry.serverOptions().forEach(o -> all.add(o.support()));
        for (Support s : all) {
            switch (s) {
                case Support.Supported x -> yes++;
                case Support.NotYet x -> notYet++;
                case Support.NoEffect x -> noEffect++;
            }
        }
        return "Totals: " + yes + " implemented, " + noEffect + " accepted without effect, " + notYet
                + " not supported yet.\n";
    }

    private static void lineOptions(StringBuilder out, String title, java.util.Collection<LineOption> options) {
        List<LineOption> sorted = new ArrayList<>(options);
        sorted.sort(Comparator.comparing(LineOption::name));
        out.append("\n## ").append(title).append("\n\n| option | arguments | Fulcrum | notes |\n|---|---|---|---|\n");
        for (LineOption o : sorted) {
            out.append("| `").append(o.name()).append("` | ").append(o.arguments()).append(" | ")
                    .append(status(o.support())).append(" | ").append(escape(o.summary())).append(" |\n");
        }
    }

    private static String status(Support s) {
        return switch (s) {
            case Support.Supported x -> "yes";
            case Support.NotYet x -> "not yet";
            case Support.NoEffect x -> "no effect";
        };
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
