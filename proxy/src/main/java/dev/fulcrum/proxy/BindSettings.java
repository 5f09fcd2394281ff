package dev.fulcrum.proxy;

import dev.fulcrum.config.Setting;

/** Options of a {@code bind} line that the listener itself uses. */
public final class BindSettings {

    public static final Setting<String> NAME = Setting.of("name", "");
    public static final Setting<Integer> ID = Setting.of("id", 0);
    public static final Setting<Integer> MAXCONN = Setting.of("maxconn", 0);
    public static final Setting<Integer> BACKLOG = Setting.of("backlog", 0);
    /** {@code null}: the system default. */
    public static final Setting<Boolean> V6ONLY = Setting.of("v6only", null);
    public static final Setting<Boolean> DEFER_ACCEPT = Setting.of("defer-accept", false);
    public static final Setting<Boolean> TFO = Setting.of("tfo", false);

    private BindSettings() {
    }
}
