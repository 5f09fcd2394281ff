package dev.fulcrum.lb;

/**
 * HAProxy's weighted round robin ("fwrr") for one group of servers (the active
 * ones or the backups). Not thread-safe: the owning balancer holds its lock.
 *
 * <p>The model, as established against haproxy 2.6 (sequences of thousands of
 * picks, with weight and state changes through its runtime API):
 * <ul>
 * <li>Time advances by one position per pick. A window of {@code cw} positions
 *     (the group's total effective weight, 16 per unit of weight) starts at
 *     position {@code cw}; {@code nw} is the total weight now, which becomes the
 *     next window's length.</li>
 * <li>Each scheduled server has a next position; after being picked it moves
 *     {@code nw / w} further, the remainder being carried so that the average
 *     step is exact. The server due first is picked; among servers due at the
 *     same position the heavier goes first, then the one queued first.</li>
 * <li>Servers start in an "init" list ordered by weight (heaviest first). One is
 *     brought in whenever the next scheduled server is not yet due (a hole), and
 *     is placed at the current position.</li>
 * <li>A server whose next position falls outside the window waits in a "next"
 *     list; when nothing is left to schedule, the next list becomes the init list
 *     of a new window.</li>
 * <li>A weight change reschedules the server at its last position plus its new
 *     step, but never later than it was due nor sooner than two picks ahead.</li>
 * </ul>
 */
final class FwrrGroup {

    /** A server's scheduling state. {@code ew} is its effective weight times 16, 0 when out. */
    static final class Srv extends NodeHeap.Node {
        int ew;
        long npos;
        long lpos;
        long rw;
        Srv nextFull;

        Srv(int index) {
            super(index);
        }
    }

    /** Weights are scaled by 16 internally, as HAProxy does, so that positions keep their precision. */
    static final int SCALE = 16;
    private static final int EWEIGHT_MAX = 256 * SCALE;

    private final LbServer[] servers;
    private final NodeHeap curr;
    private NodeHeap init;
    private NodeHeap next;
    private long pos;
    private long cw;
    private long nw;

    FwrrGroup(LbServer[] servers, Srv[] members) {
        this.servers = servers;
        this.curr = new NodeHeap(members.length);
        this.init = new NodeHeap(members.length);
        this.next = new NodeHeap(members.length);
        for (Srv s : members) {
            if (s.ew > 0) {
                init.add(s, weightKey(s));
                nw += s.ew;
            }
        }
        cw = nw;
        pos = cw;
    }

    /**
     * Picks the next server that is not full, giving {@code avoid} (a server
     * index, or -1) only if nothing else is possible; {@code null} if none.
     * Full or avoided servers lose their turn, as in HAProxy.
     */
    Srv pick(int avoid) {
        Srv chain = null;
        Srv avoided = null;
        Srv found = null;
        boolean switched = false;
        while (true) {
            Srv s = fromGroup();
            if (s == null) {
                if (switched) {
                    found = avoided;
                    break;
                }
                switched = true;
                switchWindow();
                continue;
            }
            advance(s);
            if (!servers[s.index].full()) {
                if (s.index != avoid || avoided != null) {
                    found = s;
                    break;
                }
                avoided = s;
            }
            s.nextFull = chain;
            chain = s;
        }
        if (found != null) {
            queue(found);
        }
        for (Srv s = chain; s != null; ) {
            Srv n = s.nextFull;
            s.nextFull = null;
            if (s != found) {
                queue(s);
            }
            s = n;
        }
        return found;
    }

    /** The due server, a newcomer from the init list if there is a hole, or the earliest one anyway. */
    private Srv fromGroup() {
        Srv c = (Srv) curr.first();
        if (c != null && c.npos <= pos) {
            return c;
        }
        Srv i = (Srv) init.first();
        if (i != null) {
            i.npos = 0;
            i.rw = 0;
            return i;
        }
        return c;
    }

    /** Takes {@code s} out of its list and moves it one step ahead. */
    private void advance(Srv s) {
        if (s.npos == 0) {
            s.npos = pos; // a newcomer starts here
        }
        s.lpos = s.npos;
        s.npos += nw / s.ew;
        s.rw += nw % s.ew;
        if (s.rw >= s.ew) {
            s.rw -= s.ew;
            s.npos++;
        }
        s.heap.remove(s);
        pos++;
    }

    private void queue(Srv s) {
        if (s.ew <= 0) {
            return;
        }
        if (s.npos >= 2 * cw || s.npos >= cw + nw) {
            s.npos -= cw;
            next.add(s, weightKey(s));
        } else {
            curr.add(s, 256 * s.npos + ((EWEIGHT_MAX + s.rw - s.ew) >> 4));
        }
    }

    private void switchWindow() {
        NodeHeap t = init;
        init = next;
        next = t;
        cw = nw;
        pos = cw;
    }

    private static long weightKey(Srv s) {
        return EWEIGHT_MAX - s.ew;
    }

    /** The server stopped being usable. */
    void down(Srv s) {
        nw -= s.ew;
        s.ew = 0;
        if (s.heap != null) {
            s.heap.remove(s);
        }
    }

    /** The server became usable with effective weight {@code ew}. */
    void up(Srv s, int ew) {
        s.ew = ew;
        nw += ew;
        s.npos = pos + Math.floorDiv(nw + cw - pos, ew);
        queue(s);
    }

    /** The weight of a usable server changed to {@code ew}. */
    void reweight(Srv s, int ew) {
        nw += ew - s.ew;
        s.ew = ew;
        if (s.heap == init) {
            init.remove(s);
            init.add(s, weightKey(s));
            return;
        }
        if (s.heap == next) {
            s.npos += cw;
        }
        long step = nw / ew;
        long due = s.npos;
        s.npos = Math.min(s.lpos + step, due);
        s.rw = 0;
        if (s.npos < pos + 2) {
            s.npos = pos + step;
        }
        if (s.heap != null) {
            s.heap.remove(s);
        }
        queue(s);
    }
}
