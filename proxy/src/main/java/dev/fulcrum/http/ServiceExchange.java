package dev.fulcrum.http;

import io.netty.buffer.ByteBuf;

/**
 * A service's side of the stream it answers (see {@link HttpService}). Every
 * method runs on the stream's event loop.
 */
public interface ServiceExchange {

    /** The request as the rules left it. */
    HttpRequestHead request();

    /** The request's path: the URI up to the first {@code ?}, without scheme and authority. */
    String path();

    /** The query string after the first {@code ?}, or {@code ""}. */
    String query();

    /** Ends the exchange with a complete response (an error page, a short answer). */
    void reply(HttpResponseHead head, byte[] body);

    /**
     * Sends {@code head} and then a chunked body that {@code producer} writes as
     * the client takes it. The producer is called at once and again each time the
     * client's connection can take more, until it reports the end.
     */
    void stream(HttpResponseHead head, BodyProducer producer);

    /** Writes body bytes produced by a service. */
    interface BodySink {

        /** A buffer to fill; hand it back with {@link #send}. */
        ByteBuf buffer(int capacity);

        /** Sends a filled buffer as one chunk (an empty one is released and not sent). */
        void send(ByteBuf chunk);

        /** Whether the client's connection takes more now; producers stop when it does not. */
        boolean writable();
    }

    /** Produces a streamed body, piece by piece. */
    @FunctionalInterface
    interface BodyProducer {

        /**
         * Writes the next pieces of the body to {@code sink} while it is writable.
         *
         * @return true when the body is complete, false to be called again once the client catches up
         */
        boolean produce(BodySink sink);

        /** The exchange ended before the body did (the client left): let go of any state. */
        default void abandon() {
        }
    }
}
