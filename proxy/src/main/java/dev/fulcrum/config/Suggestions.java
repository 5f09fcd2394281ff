package dev.fulcrum.config;

import java.util.Collection;

/** "Did you mean" suggestions for misspelt keywords. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word} by edit distance (transpositions count
     * as one edit), or {@code null} when none is close enough to be a plausible typo.
     */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) {
            return null;
        }
        int limit = Math.max(1, Math.min(word.length(), best.length()) / 3);
        return bestDistance <= limit ? best : null;
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** HAProxy's suffix: {@code "; did you mean 'x' maybe ?"}, or empty. */
    public static String didYouMean(String word, Collection<String> candidates) {
        String s = closest(word, candidates);
        return s == null ? "" : "; did you mean '" + s + "' maybe ?";
    }

    /**
     * How HAProxy ends an "unknown keyword" sentence: with the suggestion, or with a
     * full stop when there is none ({@code "unknown option 'x'."}).
     */
    public static String didYouMeanOrStop(String word, Collection<String> candidates) {
        String hint = didYouMean(word, candidates);
        return hint.isEmpty() ? "." : hint;
    }
}
