package dev.fulcrum.lb;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Node}s ordered by key, then by insertion (a node
 * inserted later comes after others of the same key, as duplicates do in
 * HAProxy's trees). Each node knows its slot, so removal is O(log n); nothing is
 * allocated once the heap has grown to its servers' count. Not thread-safe.
 */
final class NodeHeap {

    /** A heap element: one server's place in one of a balancer's orders. */
    static class Node {
        final int index;
        long key;
        long stamp;
        NodeHeap heap;
        int slot = -1;

        Node(int index) {
            this.index = index;
        }

        boolean queued() {
            return heap != null;
        }

        final boolean before(Node o) {
            return key != o.key ? key < o.key : stamp < o.stamp;
        }
    }

    private Node[] nodes;
    private int size;
    private long stamps;

    NodeHeap(int capacity) {
        nodes = new Node[Math.max(1, capacity)];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The node at {@code slot} (0 = first); slots beyond 0 are in heap order, not sorted. */
    Node at(int slot) {
        return nodes[slot];
    }

    Node first() {
        return size == 0 ? null : nodes[0];
    }

    /** Inserts {@code n} with {@code key}, after any node already holding that key. */
    void add(Node n, long key) {
        if (n.heap != null) {
            throw new IllegalStateException("node already queued");
        }
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
        }
        n.key = key;
        n.stamp = ++stamps;
        n.heap = this;
        n.slot = size;
        nodes[size++] = n;
        up(n.slot);
    }

    /** Removes {@code n} if it is in this heap. */
    void remove(Node n) {
        if (n.heap != this) {
            return;
        }
        int slot = n.slot;
        Node last = nodes[--size];
        nodes[size] = null;
        n.heap = null;
        n.slot = -1;
        if (last != n) {
            nodes[slot] = last;
            last.slot = slot;
            up(slot);
            down(last.slot);
        }
    }

    private void up(int slot) {
        Node n = nodes[slot];
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            Node p = nodes[parent];
            if (!n.before(p)) {
                break;
            }
            nodes[slot] = p;
            p.slot = slot;
            slot = parent;
        }
        nodes[slot] = n;
        n.slot = slot;
    }

    private void down(int slot) {
        Node n = nodes[slot];
        int half = size >>> 1;
        while (slot < half) {
            int child = 2 * slot + 1;
            int right = child + 1;
            if (right < size && nodes[right].before(nodes[child])) {
                child = right;
            }
            if (!nodes[child].before(n)) {
                break;
            }
            nodes[slot] = nodes[child];
            nodes[slot].slot = slot;
            slot = child;
        }
        nodes[slot] = n;
        n.slot = slot;
    }
}
