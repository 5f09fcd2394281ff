package dev.fulcrum.console.demo;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/**
 * The demo's visitors: an open-loop generator that sends requests to the demo
 * engine's frontends at a set average rate, whatever the answers' latency, as
 * independent clients do. Arrivals are random (a Poisson process) and the rate
 * swells and ebbs slowly around its average, so the console's chart has
 * something to show. The paths are a mix of pages, files and API calls, chosen
 * so that every backend of the demo configuration gets traffic.
 *
 * <p>One platform thread ({@value #THREAD_NAME}) schedules the arrivals; the
 * requests themselves are asynchronous and never hold it. At most
 * {@value #MAX_IN_FLIGHT} requests are in flight: beyond that an arrival is
 * skipped and counted, so a stuck engine cannot make the generator grow without
 * bound.
 */
final class DemoTraffic implements AutoCloseable {

    /** The average rate the demo runs at, in requests per second. */
    static final double DEFAULT_RATE = 30;
    static final String THREAD_NAME = "fulcrum-demo-traffic";
    static final int MAX_IN_FLIGHT = 200;

    /** One full swell and ebb of the rate. */
    private static final double WAVE_SECONDS = 120;
    /** How far the rate swings above and below its average. */
    private static final double WAVE_DEPTH = 0.35;

    /**
     * What the generator did so far.
     *
     * @param sent     requests sent
     * @param answered responses received, whatever their status
     * @param failed   requests that got no response (refused, reset, timed out)
     * @param skipped  arrivals not sent because {@value #MAX_IN_FLIGHT} requests were in flight
     */
    record Counts(long sent, long answered, long failed, long skipped) {
    }

    private final List<InetSocketAddress> www;
    private final List<InetSocketAddress> api;
    private final double rate;
    private final ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Thread scheduler;
    private volatile boolean running = true;

    private DemoTraffic(List<InetSocketAddress> www, List<InetSocketAddress> api, double rate) {
        this.www = List.copyOf(www);
        this.api = List.copyOf(api);
        this.rate = rate;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(clientThreads)
                .build();
        this.scheduler = Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(this::run);
    }

    /**
     * Starts sending requests.
     *
     * @param www  the addresses of the {@code www} frontend
     * @param api  the addresses of the {@code api} frontend; requests alternate between them
     * @param rate the average number of requests per second
     */
    static DemoTraffic start(List<InetSocketAddress> www, List<InetSocketAddress> api, double rate) {
        requireNonNull(www, "www");
        requireNonNull(api, "api");
        if (www.isEmpty() || api.isEmpty()) {
            throw new IllegalArgumentException("both frontends need an address: www " + www + ", api " + api);
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: > 0)");
        }
        DemoTraffic t = new DemoTraffic(www, api, rate);
        t.scheduler.start();
        return t;
    }

    Counts counts() {
        return new Counts(sent.sum(), answered.sum(), failed.sum(), skipped.sum());
    }

    /** The average rate, in requests per second. */
    double rate() {
        return rate;
    }

    private void run() {
        RandomGenerator random = new SplittableRandom();
        long start = System.nanoTime();
        long next = start;
        while (running) {
            double seconds = (next - start) / 1e9;
            double now = rate * (1 + WAVE_DEPTH * Math.sin(2 * Math.PI * seconds / WAVE_SECONDS));
            // Exponential gaps between arrivals: a Poisson process at the current rate.
            next += (long) (-Math.log(1 - random.nextDouble()) / now * 1e9);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            } else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
                next = System.nanoTime(); // the machine stalled: do not make up for a whole second at once
            }
            if (running) {
                send(request(random));
            }
        }
    }

    private void send(URI uri) {
        if (!inFlight.tryAcquire()) {
            skipped.increment();
            return;
        }
        sent.increment();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.release();
            (error == null ? answered : failed).increment();
        });
    }

    /** The next visitor's request: pages, files and API calls through both frontends. */
    private URI request(RandomGenerator random) {
        double p = random.nextDouble();
        if (p < 0.30) {
            return uri(www, random, page(random)); // shop
        } else if (p < 0.50) {
            return uri(www, random, file(random)); // static
        } else if (p < 0.60) {
            return uri(www, random, "/api/recommendations?for=" + random.nextInt(1, 500)); // catalog
        } else if (p < 0.93) {
            return uri(api, random, apiCall(random)); // catalog
        } else if (p < 0.98) {
            return uri(api, random, "/images/products/" + random.nextInt(1, 300) + ".jpg"); // static
        } else {
            return uri(www, random, DemoBackend.GONE_PREFIX + "summer-sale-" + random.nextInt(2019, 2024)); // 404
        }
    }

    private static String page(RandomGenerator random) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> "/";
            case 2 -> "/cart";
            case 3, 4 -> "/checkout";
            default -> "/products/" + random.nextInt(1, 500);
        };
    }

    private static String file(RandomGenerator random) {
        return switch (random.nextInt(6)) {
            case 0 -> "/static/app.js";
            case 1 -> "/static/site.css";
            case 2 -> "/static/fonts/inter-" + random.nextInt(1, 5) + ".woff2";
            default -> "/images/products/" + random.nextInt(1, 300) + ".jpg";
        };
    }

    private static String apiCall(RandomGenerator random) {
        return switch (random.nextInt(4)) {
            case 0 -> "/search?q=" + List.of("lamp", "chair", "desk", "rug", "mirror").get(random.nextInt(5));
            case 1 -> "/stock/" + random.nextInt(1, 500);
            default -> "/items/" + random.nextInt(1, 500);
        };
    }

    private static URI uri(List<InetSocketAddress> frontend, RandomGenerator random, String path) {
        InetSocketAddress a = frontend.get(random.nextInt(frontend.size()));
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + path);
    }

    /**
     * Stops sending and abandons the requests in flight; returns once the
     * generator's threads have ended (or after a few seconds).
     */
    @Override
    public void close() {
        running = false;
        scheduler.interrupt();
        client.shutdownNow();
        try {
            scheduler.join(TimeUnit.SECONDS.toMillis(5));
            client.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clientThreads.shutdownNow();
    }
}
