package dev.fulcrum.http;

/**
 * An applet that answers a request in place of a server: what HAProxy calls a
 * service, reached with {@code http-request use-service <name>}. The stream
 * hands the request to {@link #serve} on its event loop; the service answers
 * through the {@link ServiceExchange}, either at once ({@link ServiceExchange#reply})
 * or as a streamed body that it produces only while the client keeps up
 * ({@link ServiceExchange#stream}), so a large answer never sits whole in memory.
 *
 * <p>One instance serves every stream of an engine, from every event loop, at
 * once: implementations keep no per-request state outside the producer they
 * hand to the exchange.
 */
public interface HttpService {

    /** The name logged in the server field of the stream's log line ({@code <PROMEX>}). */
    String logName();

    /** Starts answering the request; runs on the stream's event loop and must not block. */
    void serve(ServiceExchange exchange);
}
