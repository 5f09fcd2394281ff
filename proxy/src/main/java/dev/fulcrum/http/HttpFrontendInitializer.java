package dev.fulcrum.http;

import dev.fulcrum.frontend.Frontend;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** Installs the HTTP/1 front handler on each accepted connection of a frontend. */
public final class HttpFrontendInitializer extends ChannelInitializer<Channel> {

    private final Frontend frontend;
    private final HttpRuntime runtime;
    private final BindInfo bind;

    public HttpFrontendInitializer(Frontend frontend, HttpRuntime runtime, BindInfo bind) {
        this.frontend = frontend;
        this.runtime = runtime;
        this.bind = bind;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (frontend.clientSocket.any()) {
            frontend.clientSocket.apply(ch);
        }
        ch.pipeline().addLast(new FrontConnection(frontend, runtime, bind));
    }
}
