package dev.fulcrum.check;

import dev.fulcrum.server.Server;

/** Weight and maxconn changes requested by an agent, with HAProxy's refusals. */
final class Weights {

    private Weights() {
    }

    /** {@code 75%} of the configured weight, or an absolute weight; returns a warning or {@code null}. */
    static String applyRelative(Server s, String text) {
        boolean relative = text.endsWith("%");
        String digits = relative ? text.substring(0, text.length() - 1) : text;
        long w;
        try {
            w = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return "Empty weight string empty or preceded by garbage";
        }
        if (w < 0) {
            return "Weight is not a valid number";
        }
        if (relative) {
            w = s.initialWeight() * w / 100;
        }
        if (w > 256) {
            return relative ? "Relative weight too large." : "Absolute weight too large.";
        }
        if (w != s.userWeight()) {
            s.setUserWeight((int) w);
        }
        dev.fulcrum.server.Transitions.weightRequested(s);
        return null;
    }

    /** {@code maxconn:N}; returns a warning or {@code null}. */
    static String applyMaxconn(Server s, String text) {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return "maxconn string empty or preceded by garbage";
        }
        if (v < 0 || v > Integer.MAX_VALUE) {
            return "maxconn string empty or preceded by garbage";
        }
        s.maxconnOverride((int) v);
        return null;
    }
}
