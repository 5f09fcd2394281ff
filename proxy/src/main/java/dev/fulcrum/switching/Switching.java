package dev.fulcrum.switching;

import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleContext;

import java.util.List;

/** Chooses a frontend's backend per request from its {@code use_backend} rules. */
public final class Switching {

    private Switching() {
    }

    /**
     * The backend of the first rule whose condition holds, as HAProxy picks it:
     * rules are tried in order; a dynamic name that designates no backend stops
     * the search. Returns {@code null} when the frontend's {@code default_backend}
     * (or, for a listen section, itself) must be used.
     *
     * @param vars values of {@code %} variables in dynamic names, or {@code null}
     */
    public static ProxyView select(List<SwitchingRule> rules, SampleContext ctx, LogVariables vars, Sample scratch) {
        for (SwitchingRule r : rules) {
            if (!r.condition().test(ctx, scratch)) {
                continue;
            }
            if (r.backend() != null) {
                return ctx.engine().backend(r.backend());
            }
            StringBuilder name = new StringBuilder(32);
            r.dynamic().render(ctx, vars, name, scratch);
            return ctx.engine().backend(name.toString());
        }
        return null;
    }
}
