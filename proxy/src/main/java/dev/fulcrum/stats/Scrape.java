package dev.fulcrum.stats;

import dev.fulcrum.http.ServiceExchange;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * One scrape being written: the sections asked for, each with its cursor. Each
 * call fills chunks of about {@link #CHUNK} bytes while the client takes them,
 * and yields after {@link #CHUNKS_PER_TURN} so one large scrape does not hold
 * its event loop; memory in use is one chunk whatever the configuration's size.
 */
final class Scrape implements ServiceExchange.BodyProducer {

    static final int CHUNK = 16 * 1024;
    static final int CHUNKS_PER_TURN = 8;

    private final List<Section<?>> sections;
    /** The time every age in this scrape is measured from. */
    private final long now = System.currentTimeMillis();
    private int section;

    Scrape(List<Section<?>> sections) {
        this.sections = sections;
    }

    @Override
    public boolean produce(ServiceExchange.BodySink sink) {
        int sent = 0;
        ByteBuf buf = null;
        while (section < sections.size()) {
            if (buf == null) {
                buf = sink.buffer(CHUNK + 1024);
            }
            if (!sections.get(section).step(buf, now)) {
                section++;
            }
            if (buf.writerIndex() >= CHUNK) {
                sink.send(buf);
                buf = null;
                if (++sent >= CHUNKS_PER_TURN || !sink.writable()) {
                    return section >= sections.size();
                }
            }
        }
        if (buf != null) {
            sink.send(buf);
        }
        return true;
    }
}
