package dev.fulcrum.sample;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

import static dev.fulcrum.sample.SampleSource.L4CLI;

/** Layer 4 fetches about the client connection (configuration.txt 7.3.3). */
final class ConnectionFetches implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.fetch("src", SampleType.IPV4, L4CLI, (ctx, out) -> address(ctx.srcAddress(), out));
        r.fetch("dst", SampleType.IPV4, L4CLI, (ctx, out) -> address(ctx.dstAddress(), out));
        r.fetch("src_port", SampleType.SINT, L4CLI, (ctx, out) -> ctx.srcPort() >= 0 && out.setSint(ctx.srcPort()));
        r.fetch("dst_port", SampleType.SINT, L4CLI, (ctx, out) -> ctx.dstPort() >= 0 && out.setSint(ctx.dstPort()));
        r.fetch("fc_src", SampleType.IPV4, L4CLI, (ctx, out) -> address(ctx.connectionSrcAddress(), out));
        r.fetch("fc_dst", SampleType.IPV4, L4CLI, (ctx, out) -> address(ctx.connectionDstAddress(), out));
        r.fetch("fc_src_port", SampleType.SINT, L4CLI, (ctx, out) -> ctx.connectionSrcPort() >= 0
                && out.setSint(ctx.connectionSrcPort()));
        r.fetch("fc_dst_port", SampleType.SINT, L4CLI, (ctx, out) -> ctx.connectionDstPort() >= 0
                && out.setSint(ctx.connectionDstPort()));
        r.fetch("src_is_local", SampleType.BOOL, L4CLI, (ctx, out) -> isLocal(ctx.srcAddress(), out));
        r.fetch("dst_is_local", SampleType.BOOL, L4CLI, (ctx, out) -> isLocal(ctx.dstAddress(), out));
        r.fetch("fc_src_is_local", SampleType.BOOL, L4CLI, (ctx, out) -> isLocal(ctx.connectionSrcAddress(), out));
        r.fetch("fc_dst_is_local", SampleType.BOOL, L4CLI, (ctx, out) -> isLocal(ctx.connectionDstAddress(), out));
        r.fetch("fc_http_major", SampleType.SINT, L4CLI, (ctx, out) -> ctx.frontHttpMajor() > 0
                && out.setSint(ctx.frontHttpMajor()));
        rttFetch(r, "fc_rtt", false);
        rttFetch(r, "fc_rttvar", true);
        r.fetch("fc_rcvd_proxy", SampleType.BOOL, L4CLI, (ctx, out) -> out.setBool(ctx.receivedProxyHeader()));
        r.fetch("fc_pp_authority", SampleType.STR, L4CLI, (ctx, out) -> ctx.proxyAuthority() != null
                && out.setStr(ctx.proxyAuthority()));
        r.fetch("fc_pp_unique_id", SampleType.STR, L4CLI, (ctx, out) -> ctx.proxyUniqueId() != null
                && out.setStr(ctx.proxyUniqueId()));
    }

    /** A TCP_INFO time of the client connection, in ms (the default) or in {@code us}. */
    private static void rttFetch(SampleRegistry.Builder r, String name, boolean variance) {
        r.fetch(name, ArgSpec.of(0, ArgType.STR), SampleType.SINT, L4CLI, (a, cc) -> {
            String unit = a.str(0, "ms");
            if (!unit.equals("ms") && !unit.equals("us")) {
                throw new ArgException("expects 'us' or 'ms', got '" + unit + "'");
            }
            long divisor = unit.equals("ms") ? 1000 : 1;
            return (ctx, out) -> {
                long us = ctx.frontRttMicros(variance);
                return us >= 0 && out.setSint(us / divisor);
            };
        });
    }

    /**
     * Whether an address belongs to this host, as a bind() to it would tell:
     * the whole loopback range and the wildcard are, and so is any address one of
     * the interfaces carries. Fails for a missing address.
     */
    static boolean isLocal(InetAddress a, Sample out) {
        if (a == null) {
            return false;
        }
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return out.setBool(true);
        }
        try {
            return out.setBool(NetworkInterface.getByInetAddress(a) != null);
        } catch (SocketException e) {
            return out.setBool(false);
        }
    }

    /** Stores an address as IPV4 or IPV6; false for {@code null} (a UNIX socket). */
    static boolean address(InetAddress a, Sample out) {
        if (a == null) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return out.setIpv4(Inet.readInt(b, 0));
        }
        return out.setIpv6(b, 0);
    }
}
