package dev.fulcrum.sample;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Every sample fetch and converter keyword, collected from the
 * {@link SampleProvider}s of the rooms that implement them. Immutable once built.
 * HAProxy keywords no room implements yet are registered as unsupported, so that
 * using one is a precise error rather than "unknown".
 */
public final class SampleRegistry {

    /** A fetch keyword. */
    record FetchDef(String name, ArgSpec args, SampleType out, List<SampleSource> sources, FetchFactory factory) {
    }

    /** A converter keyword. */
    record ConverterDef(String name, ArgSpec args, SampleType in, SampleType out, ConverterFactory factory) {
    }

    private static final List<SampleProvider> PROVIDERS = List.of(
            new InternalFetches(), new ProxyFetches(), new ConnectionFetches(), new PayloadFetches(),
            new HttpFetches(), new HeaderFetches(), new CookieFetches(),
            new StringConverters(), new ArithmeticConverters(), new EncodingConverters(), new HashConverters(),
            new CryptoConverters(), new TimeConverters(), new MiscConverters(),
            new dev.fulcrum.map.MapConverters(), new dev.fulcrum.stick.StickFetches(),
            new dev.fulcrum.stick.StickConverters());

    static final SampleRegistry STANDARD = build();

    private final Map<String, FetchDef> fetches;
    private final Map<String, ConverterDef> converters;
    private final Map<String, String> unsupportedFetches;
    private final Map<String, String> unsupportedConverters;

    private SampleRegistry(Builder b) {
        this.fetches = Map.copyOf(b.fetches);
        this.converters = Map.copyOf(b.converters);
        this.unsupportedFetches = Map.copyOf(b.unsupportedFetches);
        this.unsupportedConverters = Map.copyOf(b.unsupportedConverters);
    }

    private static SampleRegistry build() {
        Builder b = new Builder();
        PROVIDERS.forEach(p -> p.register(b));
        Unsupported.register(b);
        return new SampleRegistry(b);
    }

    FetchDef fetch(String name) {
        return fetches.get(name);
    }

    ConverterDef converter(String name) {
        return converters.get(name);
    }

    /** Why an HAProxy fetch is not available in Fulcrum, or {@code null}. */
    String unsupportedFetch(String name) {
        return unsupportedFetches.get(name);
    }

    String unsupportedConverter(String name) {
        return unsupportedConverters.get(name);
    }

    /** Names of every implemented fetch (for suggestions and documentation). */
    Set<String> fetchNames() {
        return fetches.keySet();
    }

    /** Collects keywords from providers. */
    public static final class Builder {
        private final Map<String, FetchDef> fetches = new HashMap<>();
        private final Map<String, ConverterDef> converters = new HashMap<>();
        private final Map<String, String> unsupportedFetches = new HashMap<>();
        private final Map<String, String> unsupportedConverters = new HashMap<>();

        Builder() {
        }

        /** A fetch whose value comes from {@code source}, built per occurrence by {@code factory}. */
        public Builder fetch(String name, ArgSpec args, SampleType out, SampleSource source, FetchFactory factory) {
            return fetch(name, args, out, List.of(source), factory);
        }

        /** A fetch usable wherever any of {@code sources} exists (e.g. {@code hdr}: request or response). */
        public Builder fetch(String name, ArgSpec args, SampleType out, List<SampleSource> sources,
                             FetchFactory factory) {
            requireNonNull(factory, "factory");
            if (fetches.putIfAbsent(name, new FetchDef(name, args, out, List.copyOf(sources), factory)) != null) {
                throw new IllegalStateException("fetch registered twice: " + name);
            }
            return this;
        }

        /** A fetch without arguments. */
        public Builder fetch(String name, SampleType out, SampleSource source, Fetch fetch) {
            return fetch(name, ArgSpec.NONE, out, source, (a, cc) -> fetch);
        }

        /** A fetch without arguments that reads several sources. */
        public Builder fetch(String name, SampleType out, List<SampleSource> sources, Fetch fetch) {
            return fetch(name, ArgSpec.NONE, out, sources, (a, cc) -> fetch);
        }

        public Builder converter(String name, ArgSpec args, SampleType in, SampleType out, ConverterFactory factory) {
            requireNonNull(factory, "factory");
            if (converters.putIfAbsent(name, new ConverterDef(name, args, in, out, factory)) != null) {
                throw new IllegalStateException("converter registered twice: " + name);
            }
            return this;
        }

        /** A converter without arguments. */
        public Builder converter(String name, SampleType in, SampleType out, Converter converter) {
            return converter(name, ArgSpec.NONE, in, out, (a, cc) -> converter);
        }

        /** An HAProxy fetch that Fulcrum does not implement yet, and why. */
        public Builder unsupportedFetch(String name, String feature) {
            if (!fetches.containsKey(name)) {
                unsupportedFetches.putIfAbsent(name, feature);
            }
            return this;
        }

        /** An HAProxy converter that Fulcrum does not implement yet, and why. */
        public Builder unsupportedConverter(String name, String feature) {
            if (!converters.containsKey(name)) {
                unsupportedConverters.putIfAbsent(name, feature);
            }
            return this;
        }
    }
}
