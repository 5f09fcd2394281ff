package dev.fulcrum.console.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One frontend (or the frontend half of a {@code listen} section).
 *
 * @param name           the proxy name
 * @param mode           {@code http} or {@code tcp}, as HAProxy writes it
 * @param binds          the addresses it listens on, one entry per {@code bind} line
 * @param defaultBackend the backend it sends traffic to when no rule picks one, or {@code ""}
 */
public record FrontendInfo(String name, String mode, List<String> binds, String defaultBackend) {

    public FrontendInfo {
        requireNonNull(name, "name");
        requireNonNull(mode, "mode");
        binds = List.copyOf(binds);
        requireNonNull(defaultBackend, "defaultBackend");
    }
}
