package dev.fulcrum.http;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.server.Server;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of a server connection between streams. */
class BackConnectionTest {

    private static Server server() {
        ProxyConfig be = ConfigLoader.standard().loadText("t.cfg", """
                defaults
                  mode http
                backend be
                  server s1 127.0.0.1:8080
                """).config().backend("be");
        return new Server(be.servers().getFirst(), "be", 1, null);
    }

    /**
     * A response can end while the stream has paused the connection for a slow
     * client; once the stream lets go, the connection must read again, or the next
     * stream that reuses it never sees its response (it timed out with 504).
     */
    @Test
    void detachingResumesReadingOnAConnectionPausedForASlowClient() {
        BackConnection c = new BackConnection(server(), HeadLimits.of(16384, 1024, 101));
        EmbeddedChannel ch = new EmbeddedChannel(c);
        c.setAutoRead(false);
        c.detach();
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }
}
