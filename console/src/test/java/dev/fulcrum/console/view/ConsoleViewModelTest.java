package dev.fulcrum.console.view;

import dev.fulcrum.console.model.ConsoleModel;
import dev.fulcrum.console.model.FrontendInfo;
import dev.fulcrum.console.model.Notice;
import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleViewModelTest {

    /** Stands in for Platform::runLater: runs what the view model hands over when told to. */
    private final List<Runnable> fxQueue = new ArrayList<>();

    private void runFxQueue() {
        List<Runnable> tasks = List.copyOf(fxQueue);
        fxQueue.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void modelChangesReachThePropertiesOnlyThroughTheFxThread() {
        ConsoleModel model = new ConsoleModel();
        ConsoleViewModel vm = new ConsoleViewModel(model, fxQueue::add);
        runFxQueue();
        Topology t = new Topology(List.of(new FrontendInfo("www", "http", List.of("127.0.0.1:80"), "")), List.of());

        model.engine().set("demo");
        model.topology().set(t);
        model.notices().set(List.of(Notice.info("hello")));

        assertThat(vm.engineProperty().get()).isEqualTo("no engine");
        assertThat(vm.topologyProperty().get()).isEqualTo(Topology.EMPTY);
        runFxQueue();
        assertThat(vm.engineProperty().get()).isEqualTo("demo");
        assertThat(vm.topologyProperty().get()).isEqualTo(t);
        assertThat(vm.notices()).containsExactly(Notice.info("hello"));
    }

    @Test
    void statsSamplesArrivingFasterThanTheFxThreadRunsAreCoalescedToTheLatest() {
        ConsoleModel model = new ConsoleModel();
        ConsoleViewModel vm = new ConsoleViewModel(model, fxQueue::add);
        runFxQueue();
        List<StatsSnapshot> seen = new ArrayList<>();
        vm.statsProperty().addListener((obs, old, now) -> seen.add(now));

        for (int i = 1; i <= 5; i++) {
            model.stats().set(new StatsSnapshot(i, Map.of(), Map.of()));
        }

        assertThat(fxQueue).hasSize(1);
        runFxQueue();
        assertThat(seen).extracting(StatsSnapshot::takenAtMillis).containsExactly(5L);
        model.stats().set(new StatsSnapshot(6, Map.of(), Map.of()));
        runFxQueue();
        assertThat(vm.statsProperty().get().takenAtMillis()).isEqualTo(6);
    }

    @Test
    void afterCloseTheModelIsNoLongerFollowed() {
        ConsoleModel model = new ConsoleModel();
        ConsoleViewModel vm = new ConsoleViewModel(model, Runnable::run);

        vm.close();
        model.engine().set("demo");

        assertThat(vm.engineProperty().get()).isEqualTo("no engine");
    }
}
