package dev.fulcrum.console.demo;

import java.util.random.RandomGenerator;

/**
 * How a demo server behaves: how long it takes to answer and how often it fails.
 * Service times follow a log-normal distribution, as measured service times of
 * real applications roughly do: most requests near the median, a long tail of
 * slow ones.
 *
 * @param medianMillis the median service time
 * @param spread       the standard deviation of the time's logarithm (0 = always the median)
 * @param errorRatio   the share of requests answered with {@code 500}, 0 to 1
 * @param slowPrefix   paths under this prefix take {@code slowMedianMillis} instead ({@code ""} = none)
 * @param slowMedianMillis the median service time of those paths
 */
record ServiceProfile(double medianMillis, double spread, double errorRatio, String slowPrefix,
                      double slowMedianMillis) {

    /** No service time is longer than this, so a demo backend never holds a request for long. */
    static final long MAX_MILLIS = 2_000;

    /** Answers at once and never fails. */
    static final ServiceProfile INSTANT = new ServiceProfile(0, 0, 0);

    /** The shop's checkout waits for the payment provider: about a second. */
    static final String CHECKOUT = "/checkout";

    ServiceProfile(double medianMillis, double spread, double errorRatio) {
        this(medianMillis, spread, errorRatio, "", 0);
    }

    ServiceProfile {
        java.util.Objects.requireNonNull(slowPrefix, "slowPrefix");
        if (medianMillis < 0 || slowMedianMillis < 0 || spread < 0 || errorRatio < 0 || errorRatio > 1) {
            throw new IllegalArgumentException("profile: %s ms, spread %s, errors %s"
                    .formatted(medianMillis, spread, errorRatio));
        }
    }

    /**
     * The profile of a server of the demo configuration, by what its backend
     * stands for: dynamic pages ({@code shop}) take tens of milliseconds and
     * sometimes fail, except the checkout, which waits about a second for the
     * payment provider (and so fills the shop's few connection slots now and
     * then, which queues requests); API calls ({@code catalog}) take about ten,
     * static files a few. {@code shop3} is the older, slower machine (the
     * configuration gives it half the weight). Other servers answer at once.
     */
    static ServiceProfile of(String backend, String server) {
        return switch (backend) {
            case "shop" -> server.equals("shop3") ? new ServiceProfile(60, 0.7, 0.01, CHECKOUT, 1200)
                    : new ServiceProfile(35, 0.6, 0.005, CHECKOUT, 900);
            case "catalog" -> new ServiceProfile(12, 0.45, 0.002);
            case "static" -> new ServiceProfile(2, 0.5, 0);
            default -> INSTANT;
        };
    }

    /** A service time for {@code path} drawn from the distribution, in milliseconds, at most {@link #MAX_MILLIS}. */
    long serviceMillis(String path, RandomGenerator random) {
        double median = !slowPrefix.isEmpty() && path.startsWith(slowPrefix) ? slowMedianMillis : medianMillis;
        if (median == 0) {
            return 0;
        }
        double t = median * Math.exp(spread * random.nextGaussian());
        return Math.min(MAX_MILLIS, Math.round(t));
    }

    /** Whether this request fails. */
    boolean fails(RandomGenerator random) {
        return errorRatio > 0 && random.nextDouble() < errorRatio;
    }
}
