package dev.fulcrum.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The variables a configuration sees: the process environment plus what
 * {@code setenv}, {@code presetenv}, {@code unsetenv} and {@code resetenv} in the
 * global section changed so far. Those take effect on the following lines, as in
 * HAProxy, which is why configuration files are lexed and parsed line by line.
 */
public final class ConfigEnvironment implements Function<String, String> {

    private static final Object UNSET = new Object();

    private final Function<String, String> base;
    private final Map<String, Object> overlay = new HashMap<>();
    private boolean reset;

    public ConfigEnvironment(Function<String, String> base) {
        this.base = base;
    }

    /** The process environment. */
    public static ConfigEnvironment system() {
        return new ConfigEnvironment(System::getenv);
    }

    @Override
    public String apply(String name) {
        Object v = overlay.get(name);
        if (v == UNSET) {
            return null;
        }
        if (v != null) {
            return (String) v;
        }
        return reset ? null : base.apply(name);
    }

    public void set(String name, String value) {
        overlay.put(name, value);
    }

    /** Sets only when not already defined. */
    public void preset(String name, String value) {
        if (apply(name) == null) {
            overlay.put(name, value);
        }
    }

    public void unset(String name) {
        overlay.put(name, UNSET);
    }

    /** Removes every variable except those listed. */
    public void resetExcept(java.util.Collection<String> keep) {
        Map<String, String> kept = new HashMap<>();
        for (String k : keep) {
            String v = apply(k);
            if (v != null) {
                kept.put(k, v);
            }
        }
        overlay.clear();
        reset = true;
        overlay.putAll(kept);
    }

    /** Every variable set by the configuration (for programs and child processes). */
    public Map<String, String> changes() {
        Map<String, String> out = new HashMap<>();
        overlay.forEach((k, v) -> {
            if (v != UNSET) {
                out.put(k, (String) v);
            }
        });
        return out;
    }
}
