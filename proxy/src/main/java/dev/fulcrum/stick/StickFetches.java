package dev.fulcrum.stick;

import dev.fulcrum.sample.ArgSpec;
import dev.fulcrum.sample.ArgType;
import dev.fulcrum.sample.Args;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.Fetch;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.sample.SampleProvider;
import dev.fulcrum.sample.SampleReference;
import dev.fulcrum.sample.SampleRegistry;
import dev.fulcrum.sample.SampleSource;
import dev.fulcrum.sample.SampleType;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * The stick counter fetches (configuration.txt 7.3.3): {@code sc_<x>(ctr[,table])},
 * {@code sc0_<x>([table])} to {@code sc2_<x>}, {@code src_<x>([table])} and
 * {@code table_avl}/{@code table_cnt}. A {@code sc*} fetch reads the entry a stick
 * counter tracks (or the same key in another table) and fails when the counter
 * tracks nothing; a {@code src_*} fetch looks the client's address up and reads 0
 * when it is absent. The {@code inc}/{@code clr} forms of {@code src_*} create the
 * entry, as HAProxy does.
 */
public final class StickFetches implements SampleProvider {

    /** What a fetch does with the entry it found. */
    @FunctionalInterface
    private interface Op {
        /** The value, or {@link StickEntry#NOT_STORED} to fail. */
        long apply(StickEntry e, int idx, long now);
    }

    private static final List<String> PREFIXES = List.of("sc_", "sc0_", "sc1_", "sc2_", "src_");

    @Override
    public void register(SampleRegistry.Builder r) {
        for (String prefix : PREFIXES) {
            EntryReads.PLAIN.forEach((name, read) -> add(r, prefix, name, false, false, read::read));
            add(r, prefix, "inc_gpc0", false, true, (e, i, now) -> e.incGpc(0, true, now));
            add(r, prefix, "inc_gpc1", false, true, (e, i, now) -> e.incGpc(1, true, now));
            add(r, prefix, "clr_gpc0", false, true, (e, i, now) -> e.clearGpc(0, true, now));
            add(r, prefix, "clr_gpc1", false, true, (e, i, now) -> e.clearGpc(1, true, now));
            if (prefix.equals("sc_") || prefix.equals("src_")) {
                EntryReads.INDEXED.forEach((name, read) -> add(r, prefix, name, true, false, read::read));
                add(r, prefix, "inc_gpc", true, true, (e, i, now) -> e.incGpc(i, false, now));
                add(r, prefix, "clr_gpc", true, true, (e, i, now) -> e.clearGpc(i, false, now));
            }
            if (!prefix.equals("src_")) {
                add(r, prefix, "trackers", false, false, (e, i, now) -> e.refs());
                tracked(r, prefix);
            }
        }
        add(r, "src_", "updt_conn_cnt", false, true, (e, i, now) -> e.increment(DataType.CONN_CNT, now));
        r.fetch("table_avl", ArgSpec.of(0, ArgType.TAB), SampleType.SINT, SampleSource.INTRN, (a, cc) -> {
            String name = table(a, 0, cc);
            return (ctx, out) -> {
                StickTable t = ctx.engine().table(name);
                return t != null && out.setSint(t.available());
            };
        });
        r.fetch("table_cnt", ArgSpec.of(0, ArgType.TAB), SampleType.SINT, SampleSource.INTRN, (a, cc) -> {
            String name = table(a, 0, cc);
            return (ctx, out) -> {
                StickTable t = ctx.engine().table(name);
                return t != null && out.setSint(t.used());
            };
        });
    }

    /** The table argument {@code i} (the current proxy's table when absent), checked after parsing. */
    static String table(Args a, int i, CompileContext cc) {
        String name = a.str(i, "");
        if (name.isEmpty()) {
            name = cc.proxyName();
        }
        cc.require(SampleReference.Kind.TABLE, name, i + 1);
        return name;
    }

    private static void add(SampleRegistry.Builder r, String prefix, String name, boolean indexed, boolean modifies,
                            Op op) {
        boolean src = prefix.equals("src_");
        boolean generic = prefix.equals("sc_");
        int fixed = (indexed ? 1 : 0) + (generic ? 1 : 0); // idx and ctr come before the table
        ArgSpec spec = indexed
                ? (generic ? ArgSpec.of(2, ArgType.SINT, ArgType.SINT, ArgType.TAB) : ArgSpec.of(2, ArgType.SINT, ArgType.TAB))
                : generic ? ArgSpec.of(1, ArgType.SINT, ArgType.TAB) : ArgSpec.of(0, ArgType.TAB);
        SampleSource source = src ? SampleSource.L4CLI : SampleSource.INTRN;
        int slot = generic || src ? -1 : prefix.charAt(2) - '0';
        r.fetch(prefix + name, spec, SampleType.SINT, source, (a, cc) -> {
            int idx = indexed ? (int) a.sint(0) : 0;
            int ctr = generic ? (int) a.sint(indexed ? 1 : 0) : slot;
            String table = src || a.has(fixed) ? table(a, fixed, cc) : null;
            if (src) {
                return (ctx, out) -> bySource(ctx, out, table, modifies, op, idx);
            }
            return (ctx, out) -> byCounter(ctx, out, ctr, table, op, idx);
        });
    }

    private static void tracked(SampleRegistry.Builder r, String prefix) {
        boolean generic = prefix.equals("sc_");
        ArgSpec spec = generic ? ArgSpec.of(1, ArgType.SINT, ArgType.TAB) : ArgSpec.of(0, ArgType.TAB);
        int slot = generic ? -1 : prefix.charAt(2) - '0';
        r.fetch(prefix + "tracked", spec, SampleType.BOOL, SampleSource.INTRN, (a, cc) -> {
            int ctr = generic ? (int) a.sint(0) : slot;
            if (a.has(generic ? 1 : 0)) {
                table(a, generic ? 1 : 0, cc);
            }
            Fetch f = (ctx, out) -> {
                StickCounters sc = ctx.stickCounters();
                return out.setBool(sc != null && sc.tracked(ctr) != null);
            };
            return f;
        });
    }

    /** {@code sc*_}: the tracked entry, or the same key in {@code table}; fails when nothing is tracked. */
    private static boolean byCounter(SampleContext ctx, Sample out, int ctr, String table, Op op, int idx) {
        StickCounters sc = ctx.stickCounters();
        StickEntry e = sc == null ? null : sc.tracked(ctr);
        if (e == null) {
            return false;
        }
        if (table != null) {
            StickTable t = ctx.engine().table(table);
            if (t == null) {
                return false;
            }
            e = t.lookup(e.key());
            if (e == null) {
                return out.setSint(0);
            }
        }
        return result(out, op.apply(e, idx, e.table().now()));
    }

    /** {@code src_*}: the client address's entry; absent reads as 0, and modifying forms create it. */
    private static boolean bySource(SampleContext ctx, Sample out, String table, boolean create, Op op, int idx) {
        StickTable t = ctx.engine().table(table);
        if (t == null || !address(ctx.srcAddress(), out)) {
            return false;
        }
        StickKey key = t.key(out);
        if (key == null) {
            return false;
        }
        if (create) {
            StickEntry e = t.acquire(key);
            if (e == null) {
                return false;
            }
            try {
                return result(out, op.apply(e, idx, t.now()));
            } finally {
                t.release(e);
            }
        }
        StickEntry e = t.lookup(key);
        return e == null ? out.setSint(0) : result(out, op.apply(e, idx, t.now()));
    }

    private static boolean result(Sample out, long v) {
        return v != StickEntry.NOT_STORED && out.setSint(v);
    }

    /** The client's address as a sample (the key source of {@code src_*}); false for UNIX sockets. */
    static boolean address(InetAddress a, Sample out) {
        if (a == null) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return out.setIpv4((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff);
        }
        return out.setIpv6(b, 0);
    }
}
