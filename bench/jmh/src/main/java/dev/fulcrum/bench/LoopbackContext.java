package dev.fulcrum.bench;

import dev.fulcrum.sample.EngineView;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.sample.ServerView;

import java.net.InetAddress;

/**
 * What the benchmarks' sample contexts share: a client on 127.0.0.1:40000
 * talking to 127.0.0.1:80, no frontend, backend or server views, and an engine
 * that knows no proxies unless a subclass says otherwise.
 */
abstract class LoopbackContext implements SampleContext {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Override
    public InetAddress srcAddress() {
        return LOOPBACK;
    }

    @Override
    public int srcPort() {
        return 40000;
    }

    @Override
    public InetAddress dstAddress() {
        return LOOPBACK;
    }

    @Override
    public int dstPort() {
        return 80;
    }

    @Override
    public ProxyView frontend() {
        return null;
    }

    @Override
    public ProxyView backend() {
        return null;
    }

    @Override
    public ServerView server() {
        return null;
    }

    @Override
    public EngineView engine() {
        return EngineView.EMPTY;
    }
}
