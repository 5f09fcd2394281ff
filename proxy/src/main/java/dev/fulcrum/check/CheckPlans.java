package dev.fulcrum.check;

import dev.fulcrum.config.ProxyConfig;

import java.util.ArrayList;
import java.util.List;

/** Compiles a backend's check configuration into the {@link CheckPlan} its servers run. */
final class CheckPlans {

    /** {@code option httpchk} without arguments: {@code OPTIONS / HTTP/1.0}. */
    static final CheckRule.HttpSend DEFAULT_REQUEST = new CheckRule.HttpSend("OPTIONS", "/", "HTTP/1.0", List.of(),
            null, "");

    private CheckPlans() {
    }

    static CheckPlan health(ProxyConfig p, int bufferSize) {
        CheckType type = p.get(CheckSettings.TYPE);
        List<CheckRule> configured = p.get(CheckSettings.RULES);
        CheckRule.HttpSend defaults = p.get(CheckSettings.HTTPCHK_REQUEST) != null ? p.get(CheckSettings.HTTPCHK_REQUEST)
                : DEFAULT_REQUEST;
        boolean on404 = p.get(CheckSettings.DISABLE_ON_404);
        boolean state = p.get(CheckSettings.SEND_STATE);
        return switch (type) {
            // external checks run a command instead (ExternalCheck): their plan is a plain connect, never run
            case TCP, EXTERNAL -> plan(CheckPlan.Kind.CONNECT, List.of(), defaults, false, false, bufferSize);
            case HTTP -> {
                List<CheckRule> rules = new ArrayList<>();
                for (CheckRule r : configured) {
                    if (r instanceof CheckRule.Connect || r instanceof CheckRule.HttpSend
                            || (r instanceof CheckRule.Expect e && e.http())
                            || (r instanceof CheckRule.Comment c && c.http())
                            || (r instanceof CheckRule.SetVar v && v.http())) {
                        rules.add(r);
                    }
                }
                if (rules.stream().noneMatch(r -> r instanceof CheckRule.HttpSend)) {
                    // the request of option httpchk goes right after the first connect
                    int at = !rules.isEmpty() && rules.getFirst() instanceof CheckRule.Connect ? 1 : 0;
                    rules.add(at, new CheckRule.HttpSend(null, null, null, List.of(), null, ""));
                }
                if (rules.stream().noneMatch(r -> r instanceof CheckRule.Expect)) {
                    rules.add(Rules.httpStatus(List.of(new int[] {200, 399}), false)); // 2xx and 3xx pass
                }
                yield plan(CheckPlan.Kind.HTTP, rules, defaults, on404, state, bufferSize);
            }
            case TCP_CHECK -> {
                List<CheckRule> rules = new ArrayList<>();
                for (CheckRule r : configured) {
                    if (!(r instanceof CheckRule.HttpSend) && !(r instanceof CheckRule.Expect e && e.http())
                            && !(r instanceof CheckRule.Comment c && c.http())
                            && !(r instanceof CheckRule.SetVar v && v.http())) {
                        rules.add(r);
                    }
                }
                yield plan(CheckPlan.Kind.TCP_CHECK, rules, defaults, false, false, bufferSize);
            }
            default -> plan(CheckPlan.Kind.PROTOCOL, Protocols.rules(type, p), defaults, false, false, bufferSize);
        };
    }

    static CheckPlan agent(String send, int bufferSize) {
        List<CheckRule> rules = new ArrayList<>();
        if (!send.isEmpty()) {
            rules.add(new CheckRule.Send(CheckPlan.bytes(send), send, false, ""));
        }
        rules.add(AgentReplies.expect());
        return plan(CheckPlan.Kind.AGENT, rules, DEFAULT_REQUEST, false, false, bufferSize);
    }

    private static CheckPlan plan(CheckPlan.Kind kind, List<CheckRule> rules, CheckRule.HttpSend defaults,
                                  boolean on404, boolean state, int bufferSize) {
        List<CheckRule> all = new ArrayList<>(rules);
        // comments before the first connect do not make it implicit
        boolean implicit = all.stream().filter(r -> !(r instanceof CheckRule.Comment)).findFirst()
                .map(r -> !(r instanceof CheckRule.Connect)).orElse(true);
        if (implicit) {
            all.addFirst(CheckRule.Connect.implicit(false));
        }
        return new CheckPlan(kind, List.copyOf(all), implicit, defaults, on404, state, bufferSize);
    }
}
