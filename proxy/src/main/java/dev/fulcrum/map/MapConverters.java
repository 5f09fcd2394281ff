package dev.fulcrum.map;

import dev.fulcrum.sample.ArgException;
import dev.fulcrum.sample.ArgSpec;
import dev.fulcrum.sample.ArgType;
import dev.fulcrum.sample.SampleProvider;
import dev.fulcrum.sample.SampleRegistry;
import dev.fulcrum.sample.SampleType;

/**
 * The map converters (configuration.txt 7.3.1, "map"): {@code map},
 * {@code map_<match>} and {@code map_<match>_<output>} for every matching method
 * and the outputs {@code str}, {@code int} and {@code ip}, with an optional
 * default value returned when no key matches.
 */
public final class MapConverters implements SampleProvider {

    private static final MatchMethod[] METHODS = {MatchMethod.STR, MatchMethod.BEG, MatchMethod.SUB, MatchMethod.DIR,
            MatchMethod.DOM, MatchMethod.END, MatchMethod.REG, MatchMethod.REGM, MatchMethod.INT, MatchMethod.IP};

    @Override
    public void register(SampleRegistry.Builder r) {
        register(r, "map", MatchMethod.STR, SampleType.STR);
        for (MatchMethod m : METHODS) {
            register(r, "map_" + m.word(), m, SampleType.STR);
            register(r, "map_" + m.word() + "_str", m, SampleType.STR);
            register(r, "map_" + m.word() + "_int", m, SampleType.SINT);
            register(r, "map_" + m.word() + "_ip", m, SampleType.IPV4);
        }
    }

    private static void register(SampleRegistry.Builder r, String name, MatchMethod method, SampleType out) {
        ArgType defaultType = out == SampleType.SINT ? ArgType.SINT : ArgType.STR;
        SampleType in = method == MatchMethod.INT ? SampleType.SINT
                : method == MatchMethod.IP ? SampleType.ADDR : SampleType.STR;
        r.converter(name, ArgSpec.of(1, ArgType.MAP, defaultType), in, out, (a, cc) -> {
            PatternMatcher matcher;
            Object fallback;
            try {
                PatternRef ref = PatternStore.of(cc.global()).file(a.str(0), true, "map", cc.location());
                matcher = ref.matcher(method, false, true, out);
                fallback = !a.has(1) ? null
                        : PatternMatcher.convertValue(out == SampleType.SINT ? Long.toString(a.sint(1)) : a.str(1), out);
            } catch (IllegalArgumentException e) {
                throw new ArgException(e.getMessage());
            }
            return (ctx, s) -> matcher.lookup(s) || fallback != null && PatternMatcher.write(fallback, s);
        });
    }
}
