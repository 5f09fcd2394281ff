package dev.fulcrum.backend;

/** How idle server connections may be shared between client sessions ({@code http-reuse}). */
public enum HttpReuse {
    /** never shared: a connection serves only the session that opened it */
    NEVER,
    /** the first request of a session uses its own connection; later ones may reuse idle ones (default) */
    SAFE,
    /** first requests reuse only connections that were already reused once */
    AGGRESSIVE,
    /** any request may reuse any idle connection */
    ALWAYS
}
