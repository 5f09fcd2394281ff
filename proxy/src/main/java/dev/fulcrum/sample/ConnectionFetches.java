package dev.fulcrum.sample;

import java.net.Inet4Address;
import java.net.InetAddress;

import static dev.fulcrum.sample.SampleSource.L4CLI;

/** Layer 4 fetches about the client connection (configuration.txt 7.3.3). */
final class ConnectionFetches implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.fetch("src", SampleType.IPV4, L4CLI, (ctx, out) -> address(ctx.srcAddress(), out));
        r.fetch("dst", SampleType.IPV4, L4CLI, (ctx, out) -> address(ctx.dstAddress(), out));
        r.fetch("src_port", SampleType.SINT, L4CLI, (ctx, out) -> ctx.srcPort() >= 0 && out.setSint(ctx.srcPort()));
        r.fetch("dst_port", SampleType.SINT, L4CLI, (ctx, out) -> ctx.dstPort() >= 0 && out.setSint(ctx.dstPort()));
        r.fetch("fc_rcvd_proxy", SampleType.BOOL, L4CLI, (ctx, out) -> out.setBool(ctx.receivedProxyHeader()));
        r.fetch("fc_pp_authority", SampleType.STR, L4CLI, (ctx, out) -> ctx.proxyAuthority() != null
                && out.setStr(ctx.proxyAuthority()));
        r.fetch("fc_pp_unique_id", SampleType.STR, L4CLI, (ctx, out) -> ctx.proxyUniqueId() != null
                && out.setStr(ctx.proxyUniqueId()));
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
