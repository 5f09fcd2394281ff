package dev.fulcrum.proxy;

/** A proxy's mode: layer 4 ({@code tcp}, HAProxy's default) or layer 7 ({@code http}). */
public enum Mode {
    TCP("tcp"),
    HTTP("http");

    private final String keyword;

    Mode(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Mode of(String word) {
        for (Mode m : values()) {
            if (m.keyword.equals(word)) {
                return m;
            }
        }
        return null;
    }
}
