package dev.fulcrum.sample;

/**
 * A room's sample fetches and converters. Each room that adds some has one
 * provider, listed in {@link SampleRegistry}.
 */
public interface SampleProvider {

    void register(SampleRegistry.Builder registry);
}
