package dev.fulcrum.action;

/**
 * One compiled action. Implementations are immutable, shared by every stream,
 * and allocate only what their effect needs (a new header value, a new URI).
 */
@FunctionalInterface
public interface HttpAction {

    /** Applies the action to the stream; runs on the stream's event loop and never blocks. */
    Verdict apply(HttpTxn txn);
}
