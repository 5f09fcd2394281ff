package dev.fulcrum.lb;

import dev.fulcrum.testing.Haproxy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Compares whole pick sequences of {@code roundrobin} and {@code static-rr} with
 * the real haproxy 2.6 (one thread, so its order is deterministic): fixed
 * weights over several windows, then random scenarios of weight changes,
 * weight 0, maintenance and return, applied to haproxy through its stats socket
 * and to our balancer through {@link Balancer#update}. Skipped when haproxy is
 * not installed.
 */
class RoundRobinDifferentialTest {

    /** A scenario step: pick {@code picks} times, or change server {@code server} (1-based). */
    record Step(int picks, int server, String command, int weight, boolean usable) {
    }

    record Scenario(Farm.Backend backend, List<Step> steps) {
    }

    @BeforeAll
    static void needsHaproxy() {
        assumeTrue(Haproxy.available(), "haproxy is not installed");
    }

    @Test
    void roundRobinFollowsHaproxyOverSeveralWindows() throws Exception {
        Random random = new Random(11);
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int[] weights = weights(random, i < 30 ? 12 : 256);
            int sum = java.util.Arrays.stream(weights).sum();
            scenarios.add(new Scenario(backend("roundrobin", weights),
                    List.of(new Step(Math.min(2 * 16 * sum + 50, 2500), 0, null, 0, true))));
        }
        run(scenarios);
    }

    @Test
    void roundRobinFollowsHaproxyThroughWeightAndStateChanges() throws Exception {
        Random random = new Random(12);
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int max = i < 25 ? 10 : 200;
            int[] weights = weights(random, max);
            scenarios.add(new Scenario(backend("roundrobin", weights), changes(random, weights, max, false)));
        }
        run(scenarios);
    }

    @Test
    void staticRoundRobinFollowsHaproxyThroughStateChanges() throws Exception {
        Random random = new Random(13);
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int[] weights = weights(random, 12);
            List<Step> steps = i < 10
                    ? List.of(new Step(3 * java.util.Arrays.stream(weights).sum() + 10, 0, null, 0, true))
                    : changes(random, weights, 12, true);
            scenarios.add(new Scenario(backend("static-rr", weights), steps));
        }
        run(scenarios);
    }

    private static int[] weights(Random random, int max) {
        int[] w = new int[2 + random.nextInt(4)];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + random.nextInt(max);
        }
        return w;
    }

    private static Farm.Backend backend(String balance, int[] weights) {
        List<Farm.Server> servers = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            servers.add(Farm.Server.of("s" + (i + 1), weights[i]));
        }
        return new Farm.Backend(balance, "", servers);
    }

    /** Random picks and changes; a static algorithm only accepts weight 0 and the initial weight. */
    private static List<Step> changes(Random random, int[] initial, int max, boolean staticWeights) {
        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            steps.add(new Step(1 + random.nextInt(staticWeights ? 60 : 150), 0, null, 0, true));
            int server = 1 + random.nextInt(initial.length);
            switch (random.nextInt(4)) {
                case 0 -> steps.add(new Step(0, server, "maint", 0, false));
                case 1 -> steps.add(new Step(0, server, "ready", 0, true));
                case 2 -> steps.add(new Step(0, server, "weight", 0, true));
                default -> steps.add(new Step(0, server, "weight",
                        staticWeights ? initial[server - 1] : 1 + random.nextInt(max), true));
            }
        }
        steps.add(new Step(200, 0, null, 0, true));
        return steps;
    }

    private static void run(List<Scenario> scenarios) throws Exception {
        List<Farm.Backend> backends = scenarios.stream().map(Scenario::backend).toList();
        int compared = 0;
        try (Farm.Running running = Farm.start(6, backends, "http")) {
            Farm farm = running.farm();
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario sc = scenarios.get(i);
                List<TestServer> servers = sc.backend().testServers();
                Balancer balancer = Balancer.create(HashDifferentialTest.options(sc.backend()), servers);
                List<String> history = new ArrayList<>();
                try (HaproxyProbe.Http http = new HaproxyProbe.Http(farm.port(i))) {
                    for (Step step : sc.steps()) {
                        if (step.command() != null) {
                            apply(farm, i, servers.get(step.server() - 1), step, balancer);
                            history.add(step.command() + " s" + step.server() + " " + step.weight());
                            continue;
                        }
                        List<String> theirs = new ArrayList<>();
                        List<String> ours = new ArrayList<>();
                        for (int k = 0; k < step.picks(); k++) {
                            theirs.add(String.valueOf(http.get("/", Map.of(), "x-server")));
                            ours.add(String.valueOf(balancer.pick(LbRequest.NONE, null)));
                        }
                        compared += step.picks();
                        assertThat(ours).as("balance %s, weights %s, after %s", sc.backend().balance(),
                                sc.backend().servers(), history).isEqualTo(theirs);
                        history.add(step.picks() + " picks");
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }

    private static void apply(Farm farm, int backend, TestServer s, Step step, Balancer balancer) throws IOException {
        String target = "lb" + backend + "/" + s.name();
        String answer = step.command().equals("weight")
                ? HaproxyProbe.command(farm.statsPort(), "set weight " + target + " " + step.weight())
                : HaproxyProbe.command(farm.statsPort(), "set server " + target + " state " + step.command());
        assertThat(answer).as(step.toString()).isEmpty();
        if (step.command().equals("weight")) {
            s.weight = step.weight();
        } else {
            s.usable = step.usable();
        }
        balancer.update(s);
    }
}
