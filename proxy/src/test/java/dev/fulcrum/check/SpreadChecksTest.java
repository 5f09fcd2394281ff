package dev.fulcrum.check;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the first checks are spread at start ({@code max-spread-checks}). The
 * expected delays are those measured on haproxy 2.6 (first check connection of
 * each of four servers, relative to the first): a pace set by the smallest
 * interval of at least one second, a longer own interval taking over, and the
 * bound.
 */
class SpreadChecksTest {

    @TempDir
    Path dir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    @Test
    void firstRunsAreSpreadAsHaproxySpreadsThem() {
        // haproxy 2.6: inter 100 10s 10s 10s -> 0, 2.5s, 5s, 7.5s (the 100ms check does not set the pace)
        assertThat(Checks.firstDelays(new long[] {100, 10_000, 10_000, 10_000}, 0))
                .containsExactly(0, 2500, 5000, 7500);
        // inter 100 3s 10s 20s -> 0, 0.75s, 5s, 15s (a longer own interval spreads further)
        assertThat(Checks.firstDelays(new long[] {100, 3000, 10_000, 20_000}, 0))
                .containsExactly(0, 750, 5000, 15_000);
        // the same with max-spread-checks 2s -> 0, 0.5s, 1s, 1.5s
        assertThat(Checks.firstDelays(new long[] {100, 3000, 10_000, 20_000}, 2000))
                .containsExactly(0, 500, 1000, 1500);
        // only short intervals: each check's own interval
        assertThat(Checks.firstDelays(new long[] {40, 40, 40}, 0)).containsExactly(0, 13, 26);
    }

    @Test
    void maxSpreadChecksBringsTheFirstRunsOfLongIntervalsForward() throws Exception {
        List<ProbeServer> probes = new ArrayList<>();
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            ProbeServer p = resources.add(ProbeServer.start(ProbeServer.text("")));
            probes.add(p);
            servers.append("    server s").append(i).append(" 127.0.0.1:").append(p.port())
                    .append(" check inter 60s\n");
        }
        // without the bound, the last of the four would first be checked after 45 s
        Engine e = Engines.start("""
                global
                    max-spread-checks 300
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 1s
                    timeout server 1s
                backend bk
                """ + servers, Map.of(), new Events());
        resources.add(e::close);
        RiseFallTest.waitFor(() -> probes.stream().allMatch(p -> p.connections() > 0));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "max-spread-checks => 'max-spread-checks' expects an integer argument (0..50).",
            "max-spread-checks abc => unsupported character 'a' in 'max-spread-checks' (wants an integer delay).",
            "max-spread-checks 1.5s => unsupported character '.' in 'max-spread-checks' (wants an integer delay).",
            "max-spread-checks 99999999999 => timer overflow in argument <99999999999> to <max-spread-checks>, "
                    + "maximum value is 2147483647 ms (~24.8 days).",
            "max-spread-checks 1 2 => 'max-spread-checks' cannot handle unexpected argument '2'."})
    void badMaxSpreadChecksIsRefusedAsHaproxyRefusesIt(String line, String message) throws Exception {
        String text = "global\n    " + line + "\ndefaults\n    mode http\n";
        List<Diagnostic> alerts = ConfigLoader.standard().loadText("t.cfg", text).diagnostics().alerts();
        assertThat(alerts).isNotEmpty();
        assertThat(alerts.getFirst().message()).isEqualTo(message);
        assertThat(alerts.getFirst().location().line()).isEqualTo(2);
        if (Haproxy.available()) {
            Haproxy.Result r = Haproxy.check(dir, text);
            String theirs = r.firstAlert();
            assertThat(alerts.getFirst().format(1).replaceFirst("^\\[ALERT] +\\(1\\) : ", "")).isEqualTo(theirs);
        }
    }
}
