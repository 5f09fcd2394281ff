package dev.fulcrum.frontend;

import io.netty.channel.Channel;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * The listening sockets of one bind address (one per event loop when the kernel
 * spreads connections with SO_REUSEPORT). Pausing stops accepting: pending
 * connections wait in the kernel's listen queue, as with HAProxy's maxconn.
 */
public final class Listener {

    private final String address;
    private final List<Channel> channels;
    private final AtomicBoolean paused = new AtomicBoolean();

    public Listener(String address, List<Channel> channels) {
        this.address = requireNonNull(address, "address");
        this.channels = List.copyOf(channels);
    }

    public String address() {
        return address;
    }

    public List<Channel> channels() {
        return channels;
    }

    public void pause() {
        if (paused.compareAndSet(false, true)) {
            channels.forEach(c -> onLoop(c, false));
        }
    }

    public void resume() {
        if (paused.compareAndSet(true, false)) {
            channels.forEach(c -> onLoop(c, true));
        }
    }

    /**
     * Changes auto-read from the channel's own event loop: Netty ignores a
     * foreign thread's request to stop reading while a read is pending, which
     * would let each other listener accept one more connection.
     */
    private void onLoop(Channel c, boolean read) {
        if (c.eventLoop().inEventLoop()) {
            c.config().setAutoRead(read);
        } else {
            c.eventLoop().execute(() -> {
                if (paused.get() != read) {
                    c.config().setAutoRead(read);
                }
            });
        }
    }

    public boolean isPaused() {
        return paused.get();
    }

    /** Closes the sockets (soft stop: established connections are not touched). */
    public void close() {
        channels.forEach(Channel::close);
    }
}
