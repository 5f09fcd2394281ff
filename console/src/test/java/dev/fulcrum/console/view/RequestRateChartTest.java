package dev.fulcrum.console.view;

import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.model.StatsSnapshot.BackendStats;
import dev.fulcrum.console.model.StatsSnapshot.Responses;
import org.jfree.data.time.TimeSeries;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's data, without a window: JFreeChart's model is plain Java. */
class RequestRateChartTest {

    private static StatsSnapshot sample(long millis, double shopRate, double staticRate) {
        Map<String, BackendStats> backends = new LinkedHashMap<>();
        backends.put("shop", backend("shop", shopRate));
        backends.put("static", backend("static", staticRate));
        return new StatsSnapshot(millis, Map.of(), backends);
    }

    private static BackendStats backend(String name, double rate) {
        return new BackendStats(name, "UP", 1, 1, 0, 0, 0, 0, 0, rate, Responses.NONE, Map.of());
    }

    @Test
    void oneSeriesPerBackendInDeclarationOrderWithOnePointPerSample() {
        RequestRateChart chart = new RequestRateChart();

        chart.add(StatsSnapshot.EMPTY);
        chart.add(sample(1_000_000, 4.5, 2));
        chart.add(sample(1_000_250, 5.0, 3));

        assertThat(chart.dataset().getSeriesCount()).isEqualTo(2);
        TimeSeries shop = chart.dataset().getSeries(0);
        assertThat(shop.getKey()).isEqualTo("shop");
        assertThat(shop.getItemCount()).isEqualTo(2);
        assertThat(shop.getValue(0)).isEqualTo(4.5);
        assertThat(shop.getValue(1)).isEqualTo(5.0);
        assertThat(chart.dataset().getSeries(1).getKey()).isEqualTo("static");
    }

    @Test
    void samplesFarApartLeaveAGapInsteadOfAnUnmeasuredLine() {
        RequestRateChart chart = new RequestRateChart();

        chart.add(sample(1_000_000, 4, 2));
        chart.add(sample(1_000_000 + RequestRateChart.GAP_MILLIS + 1, 6, 3));

        TimeSeries shop = chart.dataset().getSeries(0);
        assertThat(shop.getItemCount()).isEqualTo(3);
        assertThat(shop.getValue(1)).isNull();
        assertThat(shop.getValue(2)).isEqualTo(6.0);
    }

    @Test
    void pointsOlderThanTheSpanAreDropped() {
        RequestRateChart chart = new RequestRateChart();
        long t0 = 1_000_000;

        for (long t = t0; t <= t0 + 2 * RequestRateChart.SPAN_MILLIS; t += 1_000) {
            chart.add(sample(t, 1, 1));
        }

        TimeSeries shop = chart.dataset().getSeries(0);
        long first = shop.getTimePeriod(0).getFirstMillisecond();
        long last = shop.getTimePeriod(shop.getItemCount() - 1).getFirstMillisecond();
        assertThat(last - first).isLessThanOrEqualTo(RequestRateChart.SPAN_MILLIS);
        assertThat(shop.getItemCount()).isLessThanOrEqualTo((int) (RequestRateChart.SPAN_MILLIS / 1_000) + 1);
    }
}
