package dev.fulcrum.console.view;

import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.model.StatsSnapshot.BackendStats;
import dev.fulcrum.console.stats.EngineSampler;
import javafx.beans.value.ObservableValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.SimpleDateFormat;
import java.util.concurrent.TimeUnit;

/**
 * A live line chart of the requests per second each backend receives, over the
 * last {@link #SPAN_MILLIS}. It follows the stats property: each sample adds one
 * point per backend, and points older than the span are dropped, so the chart's
 * memory is bounded however long the console runs.
 */
final class RequestRateChart {

    /** How much history the chart shows. */
    static final long SPAN_MILLIS = TimeUnit.MINUTES.toMillis(2);
    /**
     * Samples further apart than this leave a gap in the lines rather than a
     * straight segment that would show rates nobody measured (the machine or
     * the UI stalled, samples were skipped).
     */
    static final long GAP_MILLIS = TimeUnit.SECONDS.toMillis(2);

    /** Distinct, readable on white, in the order backends are declared. */
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private final TimeSeriesCollection dataset = new TimeSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final JFreeChart chart;
    private long lastMillis;

    RequestRateChart() {
        DateAxis time = new DateAxis();
        time.setDateFormatOverride(new SimpleDateFormat("HH:mm:ss"));
        time.setFixedAutoRange(SPAN_MILLIS);
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        NumberAxis rate = new NumberAxis("requests/s");
        rate.setAutoRangeIncludesZero(true);
        rate.setAutoRangeMinimumSize(5);
        XYPlot plot = new XYPlot(dataset, time, rate, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdde3ea));
        plot.setRangeGridlinePaint(new Color(0xdde3ea));
        plot.setOutlineVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        long windowSeconds = TimeUnit.NANOSECONDS.toSeconds(EngineSampler.RATE_WINDOW_NANOS);
        TextTitle title = new TextTitle("Requests per second by backend (" + windowSeconds + " s average)",
                new Font(Font.SANS_SERIF, Font.BOLD, 13));
        title.setPosition(RectangleEdge.TOP);
        chart.setTitle(title);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }

    /** The chart node, following {@code stats}. */
    static ChartViewer create(ObservableValue<StatsSnapshot> stats) {
        RequestRateChart c = new RequestRateChart();
        ChartViewer viewer = new ChartViewer(c.chart);
        viewer.setId("requests-chart");
        viewer.setUserData(c);
        c.add(stats.getValue());
        stats.addListener((obs, old, now) -> c.add(now));
        return viewer;
    }

    /** The data the chart draws (for tests). */
    TimeSeriesCollection dataset() {
        return dataset;
    }

    /** Adds a sample's rates; the chart redraws once for all backends. */
    void add(StatsSnapshot s) {
        if (s.isEmpty()) {
            return;
        }
        chart.setNotify(false);
        try {
            FixedMillisecond at = new FixedMillisecond(s.takenAtMillis());
            boolean gap = lastMillis > 0 && s.takenAtMillis() - lastMillis > GAP_MILLIS;
            for (BackendStats b : s.backends().values()) {
                TimeSeries series = series(b.name());
                if (gap) {
                    series.addOrUpdate(new FixedMillisecond(lastMillis + 1), null); // the renderer breaks the line here
                }
                series.addOrUpdate(at, b.requestRate());
            }
            lastMillis = s.takenAtMillis();
        } finally {
            chart.setNotify(true);
        }
    }

    private TimeSeries series(String backend) {
        TimeSeries series = dataset.getSeries(backend);
        if (series == null) {
            series = new TimeSeries(backend);
            series.setMaximumItemAge(SPAN_MILLIS); // FixedMillisecond: the age is in milliseconds
            int i = dataset.getSeriesCount();
            dataset.addSeries(series);
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        return series;
    }
}
