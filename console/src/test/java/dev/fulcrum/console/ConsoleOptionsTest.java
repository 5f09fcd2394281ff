package dev.fulcrum.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleOptionsTest {

    @Test
    void demoWithAndWithoutHost() {
        assertThat(ConsoleOptions.parse(List.of("--demo"))).isEqualTo(new ConsoleOptions(true, null, false));
        assertThat(ConsoleOptions.parse(List.of("--demo-host", "127.0.0.2", "--demo")))
                .isEqualTo(new ConsoleOptions(true, "127.0.0.2", false));
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(ConsoleOptions.parse(List.of("-h")).help()).isTrue();
        assertThat(ConsoleOptions.parse(List.of("--help")).help()).isTrue();
    }

    @Test
    void withoutDemoThereIsNothingToShowYet() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start with --demo");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--demo", "--bogus")))
                .hasMessage("unknown option: --bogus");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--demo", "--demo-host")))
                .hasMessage("--demo-host expects an address");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--demo-host", "127.0.0.2")))
                .hasMessage("--demo-host only applies with --demo");
    }
}
