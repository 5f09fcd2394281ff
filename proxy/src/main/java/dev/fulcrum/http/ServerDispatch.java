package dev.fulcrum.http;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.backend.ServerSelector;
import dev.fulcrum.lb.LbRequest;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.ServerSessions;
import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;

/**
 * How one stream gets a server: the balancer's pick, a wait in the server's or
 * the backend's queue when servers are full, the connection slot it then holds,
 * retries and {@code option redispatch} after failed connection attempts, and the
 * server's right to cut its sessions ({@code on-marked-down shutdown-sessions},
 * {@code on-marked-up shutdown-backup-sessions}). What it knows is what HAProxy
 * logs about it: the server, retries, redispatch and queue positions.
 *
 * <p>Runs on the stream's event loop, except {@link #slotAssigned}, called by a
 * releasing thread, which hands the work over to the loop.
 */
final class ServerDispatch {

    private final HttpStream stream;
    private final EventLoop loop;
    private Backend be;
    private Server srv;
    private Server lastFailed;
    /** The server a stick match named (dev.fulcrum.stick.Persistence), or {@code null}. */
    private Server stuck;
    /** What the use-server rules chose before the cookie was read; used by the first assignment only. */
    private Server ruled;
    private boolean ruledKnown;
    private boolean holdsSlot;
    /** The stream's place in a queue while it waits for a slot, else {@code null}. */
    private QueueTicket ticket;
    /** The chosen server and its queue were full (logged "SQ" with the server's name). */
    private boolean queueFull;
    private int srvQueuePos;
    private int beQueuePos;
    private int attempts;
    private int retries;
    private boolean redispatched;
    /** The server was chosen by the persistence cookie or a use-server rule, not by the balancer (SF_DIRECT). */
    private boolean direct;
    /** Registered with srv's sessions when it asks (on-marked-down/up shutdown options). */
    private ServerSessions.Killable killer;

    ServerDispatch(HttpStream stream, EventLoop loop) {
        this.stream = stream;
        this.loop = loop;
    }

    // ------------------------------------------------------------------ choosing a server

    /** Finds a server in {@code backend} for the stream, or queues it, or fails it with a 503. */
    /** The server a use-server rule chose for this request, or {@code null}. */
    void ruledTo(Server server) {
        ruled = server;
        ruledKnown = true;
    }

    /** The server a stick table names for this request, checked usable by the caller; {@code null} for none. */
    void stickTo(Server server) {
        stuck = server;
    }

    void assign(Backend backend) {
        be = backend;
        stream.enterPhase(Termination.PHASE_QUEUE);
        Server chosen = null;
        if (lastFailed == null) {
            // use-server rules first, then the persistence cookie, then a stick match (HAProxy's order)
            // (a stream sent back to the balancer evaluates the rules again: its server went down meanwhile)
            chosen = ruledKnown ? ruled : be.rules().hasUseServer() ? be.rules().useServer(stream.boundContext(), be)
                    : null;
            ruled = null;
            ruledKnown = false;
            if (chosen == null) {
                chosen = StreamPersistence.persistentServer(stream);
            }
            if (chosen == null) {
                chosen = stuck;
            }
        }
        direct = chosen != null;
        if (chosen != null) {
            assignTo(chosen);
            return;
        }
        Server[] out = new Server[1];
        LbRequest key = be.selector().balancer().options().balance().hashBased() ? stream.boundContext() : LbRequest.NONE;
        switch (be.selector().select(be, key, lastFailed, out)) {
            case SELECTED -> {
                out[0].counters().loadBalanced.increment();
                be.counters().loadBalanced.increment();
                take(out[0]);
                RequestForwarding.connect(stream);
            }
            case ALL_FULL -> enqueue(null, false);
            case SERVER_FULL -> waitFor(out[0], false);
            case NONE_USABLE -> {
                srv = null;
                StreamEnd.fail(stream, 503, Termination.SERVER, Termination.PHASE_CONNECT);
            }
        }
    }

    /** A use-server rule chose {@code s}: take one of its slots, else wait in its queue (503 when that is full). */
    private void assignTo(Server s) {
        if (s.tryAcquire(be.limitOf(s))) {
            be.selector().loadChanged(s);
            take(s);
            RequestForwarding.connect(stream);
        } else {
            waitFor(s, true);
        }
    }

    /**
     * The request must go to {@code s}, which is full: wait in its queue, or get a
     * 503 when that is full too. {@code ruled}: a use-server rule chose it.
     */
    private void waitFor(Server s, boolean ruled) {
        if (s.maxqueue() > 0 && s.queue().size() >= s.maxqueue()) {
            srv = s; // HAProxy answers 503 at once, logging the server
            queueFull = true;
            StreamEnd.fail(stream, 503, Termination.SERVER, Termination.PHASE_QUEUE);
        } else {
            // force-persist keeps the request on its server even if that server goes down meanwhile
            enqueue(s, ruled && be.rules().forcesPersistence(stream.boundContext()));
        }
    }

    /** The stream now holds one of {@code server}'s connection slots. */
    private void take(Server server) {
        srv = server;
        holdsSlot = true;
        watchServer();
        stream.times.dispatched();
        srv.counters().sessions.increment();
        srv.counters().sessionRate.hit();
        srv.counters().lastSessionMillis = System.currentTimeMillis();
    }

    /** Waits for a slot of {@code server}, or of any server of the backend when it is {@code null}. */
    private void enqueue(Server server, boolean pinned) {
        StreamTimeline times = stream.times;
        times.queueStart = System.nanoTime();
        stream.clock().queued(times.queueStart, be.timeoutQueue);
        if (server == null) {
            ticket = new QueueTicket(this, be.queue(), null, false);
            beQueuePos = ticket.queue().add(ticket) + 1; // as haproxy logs it: 1 + those ahead
            be.offerAllSlots(); // a slot may have been freed while we were queueing
        } else {
            ticket = new QueueTicket(this, server.queue(), server, pinned);
            srvQueuePos = ticket.queue().add(ticket) + 1;
            be.selector().loadChanged(server);
            be.offerSlots(server);
        }
    }

    boolean queued() {
        return ticket != null;
    }

    /**
     * Gives up waiting (queue timeout, client gone). Returns false when a slot was
     * assigned meanwhile: {@link #slotAssigned} then runs next and owns it.
     */
    boolean leaveQueue() {
        QueueTicket t = ticket;
        ticket = null;
        if (!t.abandon()) {
            return false;
        }
        t.queue().forget(t);
        if (t.requiredServer() != null) {
            be.selector().loadChanged(t.requiredServer());
        }
        return true;
    }

    /** A releasing thread reserved a slot of {@code server} for the stream (called on that thread). */
    void slotAssigned(Server server) {
        loop.execute(() -> {
            if (stream.isFinished()) {
                be.releaseSlot(server);
                return;
            }
            ticket = null;
            stream.clock().dequeued();
            take(server);
            RequestForwarding.connect(stream);
        });
    }

    /**
     * The server the stream was queued on went down and {@code option redispatch}
     * sent the stream back to the balancer (called on the thread that took it down).
     * HAProxy does not count this as a redispatch.
     */
    void redistributed() {
        loop.execute(() -> {
            if (stream.isFinished()) {
                return; // it held no slot
            }
            ticket = null;
            stream.clock().dequeued();
            assign(be);
        });
    }

    /** The queue timeout struck: no server is logged. */
    void queueTimedOut() {
        srv = null;
    }

    // ------------------------------------------------------------------ attempts and retries

    /** Counts a connection attempt; returns whether it is the first one. */
    boolean firstAttempt() {
        return attempts++ == 0;
    }

    /** Whether another attempt is allowed after {@code attempts} (HAProxy's {@code retries}). */
    boolean mayRetry(int slack) {
        return attempts <= be.retries + slack;
    }

    /** Counts a retry on the same server (a replayed request, a response timeout). */
    void retried() {
        retries++;
    }

    /**
     * After a failed connection attempt: schedules a retry, on the same server or,
     * under {@code option redispatch}, on another one, and returns true; or returns
     * false when {@code retries} and {@code retry-on} allow none.
     */
    boolean retryConnect() {
        if (attempts > be.retries || !be.retryOn.connFailure()) {
            return false;
        }
        retries++;
        srv.counters().retries.increment();
        be.counters().retries.increment();
        boolean redispatch = shouldRedispatch() && be.servers().size() > 1;
        // the turn-around spares a restarting server; haproxy applies it on the same server only
        long turnAround = redispatch ? 0 : Math.min(be.timeoutConnect > 0 ? be.timeoutConnect : 1000, 1000);
        stream.enterPhase(Termination.PHASE_CONNECT);
        loop.schedule(() -> {
            if (stream.isFinished()) {
                return;
            }
            if (redispatch) {
                redispatched = true;
                be.counters().redispatches.increment();
                srv.counters().redispatches.increment();
                lastFailed = srv;
                Server old = srv;
                unwatchServer();
                holdsSlot = false;
                srv = null;
                be.releaseSlot(old);
                assign(be);
            } else {
                RequestForwarding.connect(stream);
            }
        }, turnAround, TimeUnit.MILLISECONDS);
        return true;
    }

    /** HAProxy's "option redispatch [interval]" applied to the retry about to happen. */
    private boolean shouldRedispatch() {
        int interval = be.redispatch;
        if (interval == 0) {
            return false;
        }
        if (interval > 0) {
            return retries % interval == 0;
        }
        return retries == be.retries + 1 + interval; // -1: the last retry
    }

    // ------------------------------------------------------------------ the server's sessions

    /** Lets the server close this stream when it goes down (D) or an active one comes back (U). */
    private void watchServer() {
        unwatchServer();
        if (srv.sessions().wanted()) {
            Server watched = srv;
            killer = serverDown -> loop.execute(() -> {
                if (srv == watched && !stream.isFinished()) {
                    stream.shutdownByServer(serverDown ? Termination.DOWN : Termination.UP);
                }
            });
            watched.sessions().add(killer);
        }
    }

    private void unwatchServer() {
        if (killer != null && srv != null) {
            srv.sessions().remove(killer);
        }
        killer = null;
    }

    /** The stream ended: leaves any queue, gives the slot back. */
    void release() {
        if (ticket != null) {
            leaveQueue();
        }
        unwatchServer();
        if (holdsSlot && srv != null) {
            holdsSlot = false;
            be.releaseSlot(srv);
        }
    }

    // ------------------------------------------------------------------ what the log says

    Server server() {
        return srv;
    }

    /** The server's name as logged: {@code <NOSRV>} unless one was used, held or refused with a full queue. */
    String logName(boolean connectionAttempted) {
        return srv != null && (connectionAttempted || holdsSlot || queueFull) ? srv.name() : "<NOSRV>";
    }

    /** The server's active streams apart from this one ({@code %sc}). */
    int otherServed() {
        return srv != null ? Math.max(0, srv.served() - (holdsSlot ? 1 : 0)) : 0;
    }

    int retries() {
        return retries;
    }

    boolean redispatched() {
        return redispatched;
    }

    /** Whether the server came from persistence (cookie or use-server) rather than from the balancer. */
    boolean direct() {
        return direct;
    }

    int srvQueuePos() {
        return srvQueuePos;
    }

    int beQueuePos() {
        return beQueuePos;
    }
}
