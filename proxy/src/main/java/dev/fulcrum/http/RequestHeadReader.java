package dev.fulcrum.http;

import io.netty.buffer.ByteBuf;

/**
 * Reads a request head from a client connection's input: skips the empty lines
 * before it, enforces haproxy's head limits (raw size, HTX room, header count)
 * with the raw 400, parses it and starts its stream.
 */
final class RequestHeadReader {

    private RequestHeadReader() {
    }

    /** Tries to read a request head; returns whether a stream was started. */
    static boolean read(FrontConnection fc) {
        ByteBuf in = fc.in;
        if (fc.tRequestStart == FrontConnection.NONE) {
            while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
                in.skipBytes(1); // empty lines before a request are ignored
            }
            if (!fc.in.isReadable()) {
                return false;
            }
            fc.tRequestStart = System.nanoTime();
            fc.requestEpochMillis = System.currentTimeMillis();
            fc.scanFrom = fc.in.readerIndex();
            IdleConnection.armIdleTimer(fc);
        }
        int end = H1Parser.findHeadEnd(fc.in, fc.scanFrom);
        if (end < 0) {
            if (fc.in.readableBytes() > fc.rt.headLimits.rawBytes()) {
                IdleConnection.rawError(fc, 400, Termination.PROXY, Termination.PHASE_REQUEST);
            } else {
                fc.scanFrom = Math.max(fc.in.readerIndex(), fc.in.writerIndex() - 3);
            }
            return false;
        }
        int len = end - fc.in.readerIndex();
        if (len > fc.rt.headLimits.rawBytes()) {
            IdleConnection.rawError(fc, 400, Termination.PROXY, Termination.PHASE_REQUEST);
            return false;
        }
        byte[] scratch = LoopContext.current().scratch(len);
        fc.in.getBytes(fc.in.readerIndex(), scratch, 0, len);
        HttpRequestHead head;
        try {
            head = H1Parser.parseRequest(scratch, len, fc.reqInfo);
        } catch (H1ParseError e) {
            IdleConnection.rawError(fc, e.status(), Termination.PROXY, Termination.PHASE_REQUEST);
            return false;
        }
        if (!fc.rt.headLimits.accepts(HtxSize.head(head.method(), head.uri(), head.version(), head.headers()),
                head.headers().size())) {
            IdleConnection.rawError(fc, 400, Termination.PROXY, Termination.PHASE_REQUEST);
            return false;
        }
        fc.in.skipBytes(len);
        fc.scanFrom = fc.in.readerIndex();
        IdleConnection.cancelTimer(fc);
        H1Head info = fc.reqInfo.copy();
        HttpStream s = new HttpStream(fc, head, info, fc.firstRequest, fc.tAccept,
                fc.firstRequest ? fc.tAccept : fc.tIdleStart, fc.tRequestStart, fc.acceptEpochMillis,
                fc.requestEpochMillis);
        fc.stream = s;
        fc.tRequestStart = FrontConnection.NONE;
        fc.reqFramer.start(info.framing, info.contentLength);
        fc.bodyPending = !fc.reqFramer.done();
        if (!fc.bodyPending) {
            RequestForwarding.requestBodyComplete(s);
        }
        s.start();
        return fc.stream == s || fc.stream == null && !fc.closing;
    }
}
