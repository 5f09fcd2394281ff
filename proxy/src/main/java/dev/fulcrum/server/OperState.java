package dev.fulcrum.server;

/** Operational state of a server, as determined by checks (HAProxy's srv_state). */
public enum OperState {
    /** down: failed its checks (or was never checked and is in maintenance) */
    STOPPED,
    /** up but ramping up its weight (slowstart) */
    STARTING,
    /** up */
    RUNNING,
    /** going down gracefully: accepts only persistent traffic (agent "stopped" or NOLB) */
    STOPPING
}
