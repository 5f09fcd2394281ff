package dev.fulcrum.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listening ports for the proxies a test configures, and a retry for the race
 * that choosing a port before the proxy binds it leaves open.
 *
 * <p>Ports are taken below the kernel's ephemeral range (32768 and up on
 * Linux), so that the source ports of client connections, ours or another
 * process's, do not land on them between the choice and the bind; none is
 * handed out twice in one JVM, since both haproxy and Fulcrum bind with
 * SO_REUSEPORT and two listeners on one port would silently share its
 * connections.
 */
public final class Ports {

    private static final int LOW = 20000;
    private static final int HIGH = 32000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port that was free a moment ago and that this JVM never handed out before. */
    public static int free() {
        return block(1);
    }

    /** The first of {@code count} consecutive such ports. */
    public static int block(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = LOW + random.nextInt(HIGH - LOW - count);
            if (allFree(base, count) && claim(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + count + " free ports after 200 attempts");
    }

    private static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            if (HANDED_OUT.contains(p)) {
                return false;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 1);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static boolean claim(int base, int count) {
        for (int p = base; p < base + count; p++) {
            if (!HANDED_OUT.add(p)) {
                for (int q = base; q < p; q++) {
                    HANDED_OUT.remove(q);
                }
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@code start} (which chooses its ports and starts listeners on them)
     * again, up to three times in all, when it fails because a chosen port was
     * taken in the meantime; any other failure is thrown at once.
     */
    public static <T> T retryingBind(Callable<T> start) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.call();
            } catch (Exception e) {
                if (attempt == 3 || !isBindFailure(e)) {
                    throw e;
                }
            }
        }
    }

    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("cannot bind") || m.contains("Address already in use") || t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }
}
