package dev.fulcrum.sample;

/**
 * The scopes of HAProxy variables. {@link #PROC} is shared by the whole engine
 * (and thread-safe); the others belong to one stream: {@link #SESS} lives as
 * long as the client connection, {@link #TXN} for one HTTP transaction,
 * {@link #REQ} only while the request is processed and {@link #RES} only while
 * the response is. {@link #CHECK} is for health-check rules.
 */
public enum VarScope {
    PROC("proc"), SESS("sess"), TXN("txn"), REQ("req"), RES("res"), CHECK("check");

    private final String prefix;

    VarScope(String prefix) {
        this.prefix = prefix;
    }

    /** The scope as written before the dot ({@code txn}). */
    public String prefix() {
        return prefix;
    }
}
