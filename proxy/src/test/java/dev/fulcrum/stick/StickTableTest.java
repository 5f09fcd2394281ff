package dev.fulcrum.stick;

import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.sample.Sample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The table on its own: expiry, eviction at {@code size}, references, rates and concurrent updates. */
class StickTableTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);

    private StickTable table(long size, long expire, boolean nopurge, Map<DataType, TableSpec.Stored> stored) {
        return new StickTable(new TableSpec("t", KeyType.IP, 4, size, expire, nopurge, stored, SourceLocation.NONE),
                clock::get);
    }

    private static Map<DataType, TableSpec.Stored> store(DataType... types) {
        Map<DataType, TableSpec.Stored> m = new java.util.LinkedHashMap<>();
        for (DataType t : types) {
            m.put(t, new TableSpec.Stored(t, 1, t.isRate() ? 10_000 : 0));
        }
        return m;
    }

    private static StickKey ip(int last) {
        Sample s = new Sample();
        s.setIpv4(0x0a000000 | last);
        return KeyType.IP.key(s, 4);
    }

    @Test
    void unreferencedEntriesExpireAfterTheirLastUpdate() {
        StickTable t = table(10, 5_000, false, store(DataType.GPC0));
        StickEntry e = t.acquire(ip(1));
        e.incrementGpc(0, true);
        t.release(e);
        clock.addAndGet(4_999);
        assertThat(t.lookup(ip(1))).isNotNull();
        clock.addAndGet(1);
        assertThat(t.lookup(ip(1))).as("expired: gone from lookups at once").isNull();
        assertThat(t.used()).as("still in memory until swept").isEqualTo(1);
        assertThat(t.purgeExpired()).isEqualTo(1);
        assertThat(t.used()).isZero();
    }

    @Test
    void trackedEntriesNeverExpire() {
        StickTable t = table(10, 1_000, false, store(DataType.CONN_CUR));
        StickCounters sc = new StickCounters();
        sc.track(0, true, t, ip(1));
        clock.addAndGet(60_000);
        assertThat(t.purgeExpired()).isZero();
        assertThat(t.lookup(ip(1)).read(DataType.CONN_CUR, 0, clock.get())).isEqualTo(1);
        sc.sessionEnded();
        assertThat(t.lookup(ip(1))).as("untracked and long idle: expired").isNull();
    }

    @Test
    void aFullTableEvictsTheLeastRecentlyUpdatedEntries() {
        StickTable t = table(4, 0, false, store(DataType.GPC0));
        for (int i = 1; i <= 4; i++) {
            clock.addAndGet(10);
            StickEntry e = t.acquire(ip(i));
            t.release(e);
        }
        clock.addAndGet(10);
        t.acquire(ip(1)).incrementGpc(0, true); // entry 1 is now the most recent (and referenced)
        clock.addAndGet(10);
        assertThat(t.acquire(ip(5))).isNotNull();
        assertThat(t.used()).isLessThanOrEqualTo(4);
        assertThat(t.lookup(ip(2))).as("the oldest went").isNull();
        assertThat(t.lookup(ip(1))).as("referenced and recent: kept").isNotNull();
        assertThat(t.lookup(ip(5))).isNotNull();
    }

    @Test
    void nopurgeRefusesNewEntriesWhenFull() {
        StickTable t = table(2, 0, true, store(DataType.GPC0));
        t.release(t.acquire(ip(1)));
        t.release(t.acquire(ip(2)));
        assertThat(t.acquire(ip(3))).isNull();
        assertThat(t.available()).isZero();
        assertThat(t.acquire(ip(1))).as("existing keys still work").isNotNull();
    }

    @Test
    void referencedEntriesAreNotEvicted() {
        StickTable t = table(2, 0, false, store(DataType.GPC0));
        StickCounters sc = new StickCounters();
        sc.track(0, false, t, ip(1));
        sc.track(1, false, t, ip(2));
        assertThat(t.acquire(ip(3))).as("nothing evictable").isNull();
        sc.streamEnded(0, 0);
        assertThat(t.acquire(ip(3))).isNotNull();
    }

    @Test
    void ratesSlideOverTheirPeriod() {
        StickTable t = table(10, 0, false, store(DataType.HTTP_REQ_RATE, DataType.HTTP_REQ_CNT));
        StickEntry e = t.acquire(ip(1));
        for (int i = 0; i < 10; i++) {
            e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1, clock.get());
        }
        assertThat(e.read(DataType.HTTP_REQ_RATE, 0, clock.get())).isEqualTo(10);
        clock.addAndGet(10_000); // one period later: the previous period weighs fully at its start
        assertThat(e.read(DataType.HTTP_REQ_RATE, 0, clock.get())).isEqualTo(10);
        clock.addAndGet(5_000); // halfway through the next period, half of the previous one remains
        assertThat(e.read(DataType.HTTP_REQ_RATE, 0, clock.get())).isEqualTo(5);
        e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 2, clock.get());
        assertThat(e.read(DataType.HTTP_REQ_RATE, 0, clock.get())).isEqualTo(7);
        clock.addAndGet(30_000); // more than two periods later nothing remains
        assertThat(e.read(DataType.HTTP_REQ_RATE, 0, clock.get())).isZero();
        assertThat(e.read(DataType.HTTP_REQ_CNT, 0, clock.get())).isEqualTo(12);
    }

    @Test
    void dataNotStoredReadsAsNotStoredAndLegacyCountersUseArrays() {
        Map<DataType, TableSpec.Stored> stored = new java.util.LinkedHashMap<>();
        stored.put(DataType.GPC, new TableSpec.Stored(DataType.GPC, 2, 0));
        stored.put(DataType.GPT, new TableSpec.Stored(DataType.GPT, 1, 0));
        StickTable t = table(10, 0, false, stored);
        StickEntry e = t.acquire(ip(1));
        assertThat(e.read(DataType.CONN_CNT, 0, clock.get())).isEqualTo(StickEntry.NOT_STORED);
        e.incrementGpc(1, true);
        e.incrementGpc(1, false);
        e.setTag(0, true, 42);
        assertThat(e.read(DataType.GPC1, 0, clock.get())).isEqualTo(2);
        assertThat(e.read(DataType.GPC, 1, clock.get())).isEqualTo(2);
        assertThat(e.read(DataType.GPC, 2, clock.get())).as("out of the array").isEqualTo(StickEntry.NOT_STORED);
        assertThat(e.read(DataType.GPT0, 0, clock.get())).isEqualTo(42);
    }

    @Test
    void concurrentUpdatesFromSeveralThreadsAreAllCounted() throws Exception {
        StickTable t = new StickTable(new TableSpec("t", KeyType.IP, 4, 1000, 0, false,
                store(DataType.HTTP_REQ_CNT, DataType.CONN_CUR), SourceLocation.NONE));
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int n = 0; n < perThread; n++) {
                    StickCounters sc = new StickCounters();
                    sc.track(0, false, t, ip(n % 7)); // a few hot keys shared by every thread
                    sc.requestStarted();
                    sc.streamEnded(0, 0);
                }
            });
            th.start();
            all.add(th);
        }
        go.countDown();
        for (Thread th : all) {
            th.join();
        }
        long total = 0;
        for (int k = 0; k < 7; k++) {
            StickEntry e = t.lookup(ip(k));
            total += e.read(DataType.HTTP_REQ_CNT, 0, t.now());
            assertThat(e.read(DataType.CONN_CUR, 0, t.now())).isZero();
            assertThat(e.refs()).isZero();
        }
        assertThat(total).isEqualTo((long) threads * perThread);
    }
}
