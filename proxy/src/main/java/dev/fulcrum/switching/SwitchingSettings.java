package dev.fulcrum.switching;

import dev.fulcrum.config.Setting;

import java.util.List;

/** The content-switching rules of a frontend. */
public final class SwitchingSettings {

    /** The {@code use_backend} rules in declaration order. */
    public static final Setting<List<SwitchingRule>> USE_BACKEND = Setting.list("use_backend");

    private SwitchingSettings() {
    }
}
