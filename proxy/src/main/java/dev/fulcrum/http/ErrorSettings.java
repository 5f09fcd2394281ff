package dev.fulcrum.http;

import dev.fulcrum.config.Setting;
import dev.fulcrum.config.SourceLocation;

import java.util.List;
import java.util.Map;

/** Custom error pages of a proxy and of {@code http-errors} sections. */
public final class ErrorSettings {

    /** Pages by status from {@code errorfile}/{@code errorloc*} (proxies and http-errors sections). */
    public static final Setting<Map<Integer, ErrorPages.Page>> PAGES = Setting.of("errorfile", Map.of());

    /**
     * {@code errorfiles <section> [codes...]}: pages imported from an http-errors
     * section, resolved after parsing (the section may come later in the file).
     *
     * @param section  the http-errors section name
     * @param codes    the statuses to import; empty means all
     * @param location where the reference was written
     */
    public record Import(String section, List<Integer> codes, SourceLocation location) {
    }

    public static final Setting<List<Import>> IMPORTS = Setting.inheritedList("errorfiles");

    private ErrorSettings() {
    }
}
