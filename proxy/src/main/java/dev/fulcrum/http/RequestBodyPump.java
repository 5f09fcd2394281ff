package dev.fulcrum.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.concurrent.TimeUnit;

/**
 * The request body from the client's input buffer to its stream: framed by the
 * connection's body framer, forwarded as far as the server connection takes it
 * (reading pauses otherwise), held for a stream that waits for its body, or
 * dropped when a local answer makes it useless.
 *
 * <p>A step of {@link FrontConnection}, stateless: the input buffer and the
 * framer live in the connection.
 */
final class RequestBodyPump {

    private RequestBodyPump() {
    }

    /** Sends the stream the request body bytes at hand, as far as the server takes them. */
    static void pumpRequestBody(FrontConnection fc, HttpStream s) {
        if (s != fc.stream || !fc.bodyPending) {
            return;
        }
        if (!RequestForwarding.canTakeRequestData(s)) {
            if (RequestBodyWait.bufferingBody(s)) {
                RequestBodyWait.bodyArrived(s); // may go on with the request, and pump the body from there
                return;
            }
            if (fc.in != null && fc.in.readableBytes() > FrontConnection.INPUT_HIGH_WATER) {
                fc.ch.config().setAutoRead(false);
            }
            s.waitingForRequestBody();
            return;
        }
        try {
            while (fc.in != null && fc.in.isReadable() && !fc.reqFramer.done()) {
                int n = fc.reqFramer.scan(fc.in, 400);
                if (n == 0) {
                    break;
                }
                RequestForwarding.forwardRequestData(s, fc.in.readRetainedSlice(n));
                if (!RequestForwarding.serverWritable(s)) {
                    fc.ch.config().setAutoRead(false);
                    RequestForwarding.flushToServer(s);
                    return;
                }
            }
        } catch (H1ParseError e) {
            StreamEnd.failMalformedBody(s, 400);
            return;
        }
        if (fc.reqFramer.done()) {
            fc.bodyPending = false;
            RequestForwarding.requestBodyComplete(s);
        } else if (fc.inputClosed() && (fc.in == null || !fc.in.isReadable())) {
            fc.ctx.close(); // the client half-closed in the middle of its body: it cannot complete
            return;
        } else {
            s.waitingForRequestBody();
        }
        RequestForwarding.flushToServer(s);
        fc.ch.config().setAutoRead(true);
    }

    /**
     * The raw request body bytes received and not forwarded yet (from the reader
     * index, possibly followed by a pipelined request), for a stream that looks at
     * its body before forwarding it; {@code null} when there are none.
     */
    static ByteBuf pendingBody(FrontConnection fc, HttpStream s) {
        return s == fc.stream && fc.bodyPending ? fc.in : null;
    }

    /**
     * Before answering a request locally (a rule's deny, return, redirect): drops
     * the request body when all of it has already arrived, so that the connection
     * can stay open as HAProxy keeps it. Returns whether the body is now consumed.
     */
    static boolean discardBufferedBody(FrontConnection fc, HttpStream s) {
        if (s != fc.stream || !fc.bodyPending) {
            return !fc.bodyPending;
        }
        try {
            while (fc.in != null && fc.in.isReadable() && !fc.reqFramer.done()) {
                int n = fc.reqFramer.scan(fc.in, 400);
                if (n == 0) {
                    break;
                }
                fc.in.skipBytes(n);
            }
        } catch (H1ParseError e) {
            return false;
        }
        if (fc.reqFramer.done()) {
            fc.bodyPending = false;
            return true;
        }
        return false;
    }

    /**
     * Closes while the client is still sending a request body nobody will read
     * (a rule answered first). Closing at once would make the kernel reset the
     * connection, and a reset can destroy the response before the client reads
     * it; so, as HAProxy does, the output is shut after the response and what the
     * client still sends is read and dropped until it closes, or until the client
     * timeout.
     */
    static void closeDrainingInput(FrontConnection fc) {
        fc.closing = true; // channelRead drops what arrives from now on
        IdleConnection.cancelTimer(fc);
        if (fc.in != null) {
            fc.in.skipBytes(fc.in.readableBytes());
        }
        if (!(fc.ch instanceof io.netty.channel.socket.DuplexChannel d)) {
            fc.closeAfterFlush();
            return;
        }
        fc.ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> {
            if (!done.isSuccess() || !fc.ch.isActive()) {
                fc.ch.close();
                return;
            }
            d.shutdownOutput();
            fc.ch.config().setAutoRead(true);
            long linger = fc.fe.timeoutClient > 0 ? fc.fe.timeoutClient : 5000;
            fc.ch.eventLoop().schedule(() -> {
                fc.ch.close();
            }, linger, TimeUnit.MILLISECONDS);
        });
    }
}
