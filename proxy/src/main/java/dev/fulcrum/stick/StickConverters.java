package dev.fulcrum.stick;

import dev.fulcrum.sample.ArgSpec;
import dev.fulcrum.sample.ArgType;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleProvider;
import dev.fulcrum.sample.SampleRegistry;
import dev.fulcrum.sample.SampleType;

/**
 * The table converters (configuration.txt 7.3.1): {@code in_table(t)} and
 * {@code table_<data>(t)}, which look the input up as a key of table {@code t}
 * without creating, touching or tracking it. An absent key reads as 0; data the
 * table does not store makes the conversion fail.
 */
public final class StickConverters implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.converter("in_table", ArgSpec.of(1, ArgType.TAB), SampleType.ANY, SampleType.BOOL, (a, cc) -> {
            String name = StickFetches.table(a, 0, cc);
            return (ctx, s) -> {
                StickTable t = ctx.engine().table(name);
                StickKey key = t == null ? null : t.key(s);
                return key != null && s.setBool(t.lookup(key) != null);
            };
        });
        EntryReads.PLAIN.forEach((name, read) -> plain(r, "table_" + name.replace("get_", ""), read));
        // HAProxy's lookup holds a reference of its own while it reads the count, and reports it too
        plain(r, "table_trackers", (e, i, now) -> e.refs() + 1);
        plain(r, "table_server_id", (e, i, now) -> e.read(DataType.SERVER_ID, 0, now));
        EntryReads.INDEXED.forEach((name, read) -> {
            r.converter("table_" + name.replace("get_", ""), ArgSpec.of(2, ArgType.SINT, ArgType.TAB), SampleType.ANY,
                    SampleType.SINT, (a, cc) -> {
                        int idx = (int) a.sint(0);
                        String table = StickFetches.table(a, 1, cc);
                        return (ctx, s) -> convert(ctx, s, table, read, idx);
                    });
        });
        timer(r, "table_expire", true);
        timer(r, "table_idle", false);
    }

    private static void plain(SampleRegistry.Builder r, String name, EntryReads.Read read) {
        r.converter(name, ArgSpec.of(1, ArgType.TAB), SampleType.ANY, SampleType.SINT, (a, cc) -> {
            String table = StickFetches.table(a, 0, cc);
            return (ctx, s) -> convert(ctx, s, table, read, 0);
        });
    }

    /** What a converter answers for a key the table does not hold. */
    @FunctionalInterface
    private interface Absent {
        boolean answer(Sample s);
    }

    private static final Absent ZERO = s -> s.setSint(0);

    private static boolean convert(SampleContext ctx, Sample s, String table, EntryReads.Read read, int idx) {
        return convert(ctx, s, table, read, idx, ZERO);
    }

    private static boolean convert(SampleContext ctx, Sample s, String table, EntryReads.Read read, int idx,
                                   Absent absent) {
        StickTable t = ctx.engine().table(table);
        StickKey key = t == null ? null : t.key(s);
        if (key == null) {
            return false;
        }
        StickEntry e = t.lookup(key);
        if (e == null) {
            return absent.answer(s);
        }
        long v = read.read(e, idx, t.now());
        return v != StickEntry.NOT_STORED && s.setSint(v);
    }

    /** {@code table_expire(t[,default])} and {@code table_idle(t[,default])}: milliseconds, or the default when absent. */
    private static void timer(SampleRegistry.Builder r, String name, boolean expire) {
        r.converter(name, ArgSpec.of(1, ArgType.TAB, ArgType.SINT), SampleType.ANY, SampleType.SINT, (a, cc) -> {
            String table = StickFetches.table(a, 0, cc);
            boolean hasDefault = a.has(1);
            long def = a.sint(1, 0);
            Absent absent = s -> hasDefault && s.setSint(def);
            EntryReads.Read read = expire ? (e, i, now) -> e.table().expiresIn(e)
                    : (e, i, now) -> Math.max(0, now - e.touched());
            return (ctx, s) -> convert(ctx, s, table, read, 0, absent);
        });
    }
}
