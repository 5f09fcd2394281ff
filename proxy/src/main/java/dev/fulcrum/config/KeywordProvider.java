package dev.fulcrum.config;

/**
 * A room's contribution to the configuration language: its keywords, line
 * options and post-parse checks. Each room has one provider, listed in
 * {@link StandardKeywords}.
 */
public interface KeywordProvider {

    void register(KeywordRegistry.Builder registry);
}
