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
 */
record ServiceProfile(double medianMillis, double spread, double errorRatio) {

    /** No service time is longer than this, so a demo backend never holds a request for long. */
    static final long MAX_MILLIS = 2_000;

    /** Answers at once and never fails. */
    static final ServiceProfile INSTANT = new ServiceProfile(0, 0, 0);

    ServiceProfile {
        if (medianMillis < 0 || spread < 0 || errorRatio < 0 || errorRatio > 1) {
            throw new IllegalArgumentException("profile: %s ms, spread %s, errors %s"
                    .formatted(medianMillis, spread, errorRatio));
        }
    }

    /**
     * The profile of a server of the demo configuration, by what its backend
     * stands for: dynamic pages ({@code shop}) take tens of milliseconds and
     * sometimes fail, API calls ({@code catalog}) about ten, static files a few.
     * {@code shop3} is the older, slower machine (the configuration gives it half
     * the weight). Other servers answer at once.
     */
    static ServiceProfile of(String backend, String server) {
        return switch (backend) {
            case "shop" -> server.equals("shop3") ? new ServiceProfile(60, 0.7, 0.01)
                    : new ServiceProfile(35, 0.6, 0.005);
            case "catalog" -> new ServiceProfile(12, 0.45, 0.002);
            case "static" -> new ServiceProfile(2, 0.5, 0);
            default -> INSTANT;
        };
    }

    /** A service time drawn from the distribution, in milliseconds, at most {@link #MAX_MILLIS}. */
    long serviceMillis(RandomGenerator random) {
        if (medianMillis == 0) {
            return 0;
        }
        double t = medianMillis * Math.exp(spread * random.nextGaussian());
        return Math.min(MAX_MILLIS, Math.round(t));
    }

    /** Whether this request fails. */
    boolean fails(RandomGenerator random) {
        return errorRatio > 0 && random.nextDouble() < errorRatio;
    }
}
