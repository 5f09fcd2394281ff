package dev.fulcrum.backend;

import dev.fulcrum.config.Setting;

/** How a backend retries, redispatches, shares connections and scales server limits. */
public final class BackendSettings {

    public static final Setting<Integer> RETRIES = Setting.of("retries", 3);
    public static final Setting<RetryOn> RETRY_ON = Setting.of("retry-on", RetryOn.DEFAULT);
    /**
     * {@code option redispatch [interval]}: 0 = disabled (the default), P &gt; 0 = on
     * every P-th retry, N &lt; 0 = on the N-th retry before the last (-1 = last).
     */
    public static final Setting<Integer> REDISPATCH = Setting.of("option redispatch", 0);
    /**
     * Whether {@code option redispatch} is set at all (even as {@code option
     * redispatch 0}): requests queued on a server that goes down then choose again.
     */
    public static final Setting<Boolean> REDISPATCH_QUEUED = Setting.of("option redispatch (queued)", false);
    public static final Setting<HttpReuse> HTTP_REUSE = Setting.of("http-reuse", HttpReuse.SAFE);
    /** 0 = computed as 10% of the sum of the maxconn of the frontends that can reach the backend. */
    public static final Setting<Integer> FULLCONN = Setting.of("fullconn", 0);
    /** Header that receives the chosen server's name ({@code http-send-name-header}); empty = none. */
    public static final Setting<String> SEND_NAME_HEADER = Setting.of("http-send-name-header", "");

    private BackendSettings() {
    }
}
