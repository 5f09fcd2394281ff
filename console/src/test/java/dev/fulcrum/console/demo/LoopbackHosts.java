package dev.fulcrum.console.demo;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback addresses for tests. Linux routes all of 127.0.0.0/8 to the loopback
 * interface, so a random 127.x.y.z gives each test run the demo's fixed ports
 * to itself, even when other builds on the machine run the same tests.
 */
public final class LoopbackHosts {

    private LoopbackHosts() {
    }

    /** A random address in 127.0.0.0/8, never 127.0.0.1 (where a user's demo may run). */
    public static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(1, 255) + "." + r.nextInt(0, 256) + "." + r.nextInt(1, 255);
    }
}
