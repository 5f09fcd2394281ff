package dev.fulcrum.config;

/**
 * A check run on the whole configuration after parsing, for things one keyword
 * cannot know alone (references between sections, missing timeouts...).
 */
@FunctionalInterface
public interface ConfigCheck {

    void check(Configuration config, Diagnostics diagnostics);
}
