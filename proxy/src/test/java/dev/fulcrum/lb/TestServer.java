package dev.fulcrum.lb;

/** A server whose state a test sets directly. */
final class TestServer implements LbServer {

    private final int id;
    private final String name;
    private final boolean backup;
    volatile int weight;
    volatile boolean usable = true;
    volatile int load;
    volatile int maxconn;

    TestServer(int id, String name, int weight, boolean backup) {
        this.id = id;
        this.name = name;
        this.weight = weight;
        this.backup = backup;
    }

    static TestServer active(int id, int weight) {
        return new TestServer(id, "s" + id, weight, false);
    }

    /** Active servers s1, s2... with these weights and ids 1, 2... */
    static TestServer[] weighted(int... weights) {
        TestServer[] s = new TestServer[weights.length];
        for (int i = 0; i < weights.length; i++) {
            s[i] = active(i + 1, weights[i]);
        }
        return s;
    }

    static TestServer backup(int id, int weight) {
        return new TestServer(id, "b" + id, weight, true);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public boolean backup() {
        return backup;
    }

    @Override
    public boolean usable() {
        return usable;
    }

    @Override
    public int load() {
        return load;
    }

    @Override
    public boolean full() {
        return maxconn > 0 && load >= maxconn;
    }

    @Override
    public String toString() {
        return name;
    }
}
