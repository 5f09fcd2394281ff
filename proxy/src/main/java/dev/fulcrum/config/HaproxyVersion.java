package dev.fulcrum.config;

/**
 * Compares HAProxy version strings such as {@code 2.4}, {@code 2.6.12},
 * {@code 2.4-dev19}, {@code 2.5-pre2} or {@code 2.6-rc1}. Missing components
 * count as zero, and within one release dev &lt; pre &lt; rc &lt; final.
 */
final class HaproxyVersion {

    private HaproxyVersion() {
    }

    static int compare(String a, String b) {
        long[] x = parse(a);
        long[] y = parse(b);
        for (int i = 0; i < x.length; i++) {
            int c = Long.compare(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** {major, minor, patch, sub, stage (0 dev, 1 pre, 2 rc, 3 final), stage number}. */
    private static long[] parse(String v) {
        long[] out = {0, 0, 0, 0, 3, 0};
        int i = 0;
        int part = 0;
        int n = v.length();
        while (i < n && part < 4) {
            int start = i;
            while (i < n && Character.isDigit(v.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            out[part++] = Long.parseLong(v.substring(start, i));
            if (i < n && v.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        if (i < n && v.charAt(i) == '-') {
            String rest = v.substring(i + 1);
            int stage = rest.startsWith("dev") ? 0 : rest.startsWith("pre") ? 1 : rest.startsWith("rc") ? 2 : 3;
            if (stage < 3) {
                out[4] = stage;
                int s = stage == 2 ? 2 : 3;
                int e = s;
                while (e < rest.length() && Character.isDigit(rest.charAt(e))) {
                    e++;
                }
                out[5] = e > s ? Long.parseLong(rest.substring(s, e)) : 0;
            }
        }
        return out;
    }
}
