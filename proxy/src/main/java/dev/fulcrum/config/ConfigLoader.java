package dev.fulcrum.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a configuration: reads the files given to {@code -f}, parses them with
 * the standard keywords and runs the whole-configuration checks. The result
 * carries every diagnostic; a configuration with alerts must not be used.
 */
public final class ConfigLoader {

    /** A load's outcome: the configuration (possibly partial) and its messages. */
    public record Result(Configuration config, Diagnostics diagnostics) {
        public boolean ok() {
            return !diagnostics.hasAlerts();
        }
    }

    private final KeywordRegistry registry;
    private final ConfigEnvironment environment;

    public ConfigLoader(KeywordRegistry registry, ConfigEnvironment environment) {
        this.registry = registry;
        this.environment = environment;
    }

    public static ConfigLoader standard() {
        return new ConfigLoader(KeywordRegistry.standard(), ConfigEnvironment.system());
    }

    /**
     * Loads files and directories as given to {@code -f}. As HAProxy does, every
     * argument is expanded before any file is read (a missing one stops the load),
     * each file that raised an alert is named right after its messages, and an
     * aborted file stops the load.
     */
    public Result load(List<String> arguments) {
        Diagnostics diagnostics = new Diagnostics();
        ConfigReader reader = new ConfigReader(environment, diagnostics);
        List<Path> files = reader.expand(arguments);
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(f.toString());
        }
        ConfigParser parser = new ConfigParser(registry, diagnostics, environment);
        if (diagnostics.hasAlerts()) {
            diagnostics.abort();
            return new Result(parser.result(names), diagnostics);
        }
        for (Path f : files) {
            int before = diagnostics.alertCount();
            reader.read(f, parser::accept);
            parser.endOfFile();
            fileDone(diagnostics, before, f.toString());
            if (diagnostics.aborted()) {
                return new Result(parser.result(names), diagnostics);
            }
        }
        return finish(parser, names, diagnostics);
    }

    /** Loads configuration text, as if read from a file called {@code name}. */
    public Result loadText(String name, String text) {
        Diagnostics diagnostics = new Diagnostics();
        ConfigReader reader = new ConfigReader(environment, diagnostics);
        ConfigParser parser = new ConfigParser(registry, diagnostics, environment);
        reader.read(name, text, parser::accept);
        parser.endOfFile();
        fileDone(diagnostics, 0, name);
        if (diagnostics.aborted()) {
            return new Result(parser.result(List.of(name)), diagnostics);
        }
        return finish(parser, List.of(name), diagnostics);
    }

    /** HAProxy names each file that raised an alert as soon as it has been read. */
    private static void fileDone(Diagnostics diagnostics, int alertsBefore, String file) {
        if (diagnostics.alertCount() > alertsBefore) {
            diagnostics.fileHadErrors(file);
        }
    }

    private Result finish(ConfigParser parser, List<String> names, Diagnostics diagnostics) {
        Configuration config = parser.result(names);
        // HAProxy exports the list once every file is read: '.if defined(HAPROXY_CFGFILES)' is false.
        environment.set("HAPROXY_CFGFILES", String.join(";", names));
        if (diagnostics.alertCount() == 0) {
            diagnostics.reportLateErrors();
        }
        if (!diagnostics.hasAlerts()) {
            for (ConfigCheck check : registry.checks()) {
                check.check(config, diagnostics);
            }
        }
        return new Result(config, diagnostics);
    }
}
