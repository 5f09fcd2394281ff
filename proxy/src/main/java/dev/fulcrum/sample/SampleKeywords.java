package dev.fulcrum.sample;

import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;

/**
 * The sample room's part of the configuration language: no keyword of its own,
 * but the whole-configuration check that resolves the proxies, servers and
 * userlists that expression arguments name.
 */
public final class SampleKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.check(SampleChecks::check);
    }
}
