package dev.fulcrum.lb;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a balancer with connections that stay open: {@code o<n>} opens n
 * connections (each pick's server gains one load), {@code c<i>} closes the i-th
 * connection opened, {@code q<n>} opens and closes n in turn. Returns the
 * servers picked, as haproxy's order is written in the tests.
 */
final class LoadScript {

    private LoadScript() {
    }

    static String run(Balancer b, String script) {
        List<TestServer> open = new ArrayList<>();
        List<String> picks = new ArrayList<>();
        for (String step : script.split(" ")) {
            int n = Integer.parseInt(step.substring(1));
            if (step.charAt(0) == 'c') {
                release(b, open.get(n));
                continue;
            }
            for (int k = 0; k < n; k++) {
                TestServer s = (TestServer) b.pick(LbRequest.NONE, null);
                picks.add(s == null ? "-" : s.name());
                if (s == null) {
                    continue;
                }
                s.load++;
                b.loadChanged(s);
                if (step.charAt(0) == 'q') {
                    release(b, s);
                } else {
                    open.add(s);
                }
            }
        }
        return String.join(" ", picks);
    }

    private static void release(Balancer b, TestServer s) {
        s.load--;
        b.loadChanged(s);
    }
}
