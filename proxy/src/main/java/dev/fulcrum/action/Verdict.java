package dev.fulcrum.action;

/** What a rule (or a list of rules) decided for the stream, as HAProxy's HTTP_RULE_RES_* codes. */
public enum Verdict {
    /** go on with the next rule */
    CONTINUE,
    /** stop evaluating this rule list ({@code allow}); processing goes on */
    STOP,
    /** a response was prepared ({@link HttpTxn#reply}): send it instead of forwarding */
    REPLY,
    /** like {@link #REPLY}, after holding the request for {@code timeout tarpit} */
    TARPIT,
    /** close the connection without a response ({@code reject}) */
    REJECT,
    /** a service answers the request in place of a server ({@code use-service}, see {@link HttpTxn#useService}) */
    SERVICE
}
