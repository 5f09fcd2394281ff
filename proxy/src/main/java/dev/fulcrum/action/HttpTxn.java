package dev.fulcrum.action;

import dev.fulcrum.http.ErrorPages;
import dev.fulcrum.http.HttpResponseHead;
import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleContext;

import java.net.InetAddress;

/**
 * What rules see and change of an HTTP transaction: everything sample fetches
 * read ({@link SampleContext}), the request and response heads (mutable), and the
 * few stream properties actions set. The HTTP data path implements it once per
 * client connection and repoints it at each stream, so evaluating rules does not
 * allocate. All methods run on the stream's event loop.
 */
public interface HttpTxn extends SampleContext {

    /** A sample holder for evaluations; valid until the next evaluation. */
    Sample scratch();

    /** A cleared text buffer for rendering log-format values; valid until the next call. */
    StringBuilder text();

    /** Values of {@code %} variables in log-format arguments ({@code %ci}, {@code %ID}...). */
    LogVariables logVariables();

    /**
     * The response HAProxy would send for {@code status} in this proxy: its
     * {@code errorfile}/{@code errorfiles} page, else the built-in one, else {@code null}.
     */
    ErrorPages.Page errorPage(int status);

    /**
     * Replaces the exchange's outcome with a response produced here (deny, return,
     * redirect, auth). The stream sends it once the rules return {@link Verdict#REPLY}
     * or {@link Verdict#TARPIT}.
     *
     * @param cause the termination cause logged for it ({@code P} for a deny,
     *              {@code L} for a local answer)
     */
    void reply(HttpResponseHead head, byte[] body, char cause);

    /**
     * The reply being prepared is a {@code deny} or {@code tarpit}: the stream
     * counts it as a denied request or response rather than an intercepted one.
     */
    default void denied() {
    }

    /**
     * The reply refuses the client ({@code auth}'s 401): logged as a local answer
     * ({@code LR}) as HAProxy logs it, yet counted as an HTTP error in the stick
     * counters, as a deny is.
     */
    default void clientError() {
    }

    /** The connection closes after the reply (HAProxy's answers to invalid requests). */
    void closeAfterReply();

    /** Whether the request has a body, as its framing says (a length above 0, or chunked). */
    default boolean requestHasBody() {
        return false;
    }

    /** The values captured so far by {@code capture} rules and keywords. */
    Captures captures();

    /** {@code set-src}: the client address seen by fetches, logs and forwarding headers from now on. */
    void source(InetAddress address, int port);

    /** {@code set-log-level}: the level of this stream's log line, or {@code -1} for {@code silent}. */
    void logLevel(int level);

    /**
     * The level a {@code set-log-level} rule gave this stream: 0 (emerg) to 7
     * (debug), -1 for {@code silent} (no log line), {@link #LOG_LEVEL_UNSET} when
     * no rule set one. The logging room reads it when it formats the stream.
     */
    int logLevel();

    /** {@link #logLevel()} when no rule set a level. */
    int LOG_LEVEL_UNSET = -2;

    /** {@code set-timeout server|tunnel|client}: a timeout for this stream only, in milliseconds. */
    void timeout(TimeoutKind kind, long millis);

    /** {@code early-hint}: sends a 103 response with this one field now (HTTP/1.1 clients only). */
    void earlyHint(String name, String value);

    /** {@code use-server}: the server this stream must use, by name (checked against the backend). */
    default void useServer(String name) {
    }

    /**
     * {@code wait-for-body}: whether the request body is there as far as asked
     * (all of it, {@code atLeast} bytes when positive, or as much as the buffer
     * holds). When it is not, the stream remembers the terms and the rule returns
     * {@link Verdict#WAIT}: the stream waits at most {@code timeMillis}, then
     * resumes the rules at that rule.
     */
    default boolean waitForBody(long timeMillis, long atLeast) {
        return true;
    }

    /** The rule list yielded at rule {@code index} ({@link Verdict#WAIT}); the next evaluation resumes there. */
    default void suspendRules(int index) {
    }

    /** The rule to resume at (and forgets it), or -1 to evaluate the rules from the start. */
    default int takeSuspendedRule() {
        return -1;
    }

    /** {@code tcp-request connection expect-proxy layer4}: the connection starts with a PROXY header. */
    default void expectProxyHeader() {
    }

    /**
     * {@code use-service}: the named service answers this request (the stream
     * runs it once the rules return {@link Verdict#SERVICE}).
     */
    default void useService(String name) {
    }

    /** The timeouts {@code set-timeout} can change. */
    enum TimeoutKind { SERVER, TUNNEL, CLIENT }
}
