package dev.fulcrum.http;

import dev.fulcrum.sample.SampleContext;

import java.net.InetSocketAddress;

/**
 * What is known about a finished HTTP stream: who, where, timers, outcome and
 * counters, with HAProxy's meanings (configuration.txt 8.2.3, 8.4, 8.5). Timers
 * are in milliseconds, -1 when the event never happened.
 *
 * @param client         the client's address
 * @param frontendAddr   the address the client connected to
 * @param frontend       frontend name
 * @param backend        backend name (the frontend's name when none was chosen, as HAProxy logs it)
 * @param server         server name, or {@code <NOSRV>}
 * @param acceptEpochMillis  when the connection was accepted (wall clock)
 * @param requestEpochMillis when the request started (first byte, or accept) (wall clock)
 * @param th             handshake time
 * @param ti             idle time before the request
 * @param tr             time to receive the request head (-1 if never complete)
 * @param tw             time in queues (-1 if never queued or dispatched)
 * @param tc             time to connect to the server (-1 if never connected)
 * @param tResp          server response time (HAProxy's Tr; -1 if no response head)
 * @param ta             total active time of the request
 * @param tt             total session time, Th + Ti + Ta
 * @param status         the HTTP status sent to the client, -1 if none
 * @param bytesOut       bytes sent to the client
 * @param bytesIn        bytes received from the client
 * @param termination    the 4-character session state at disconnection, e.g. {@code "----"}
 * @param actconn        process connections when logged
 * @param feconn         frontend connections when logged
 * @param beconn         backend streams when logged
 * @param srvconn        server streams when logged
 * @param retries        retries performed (a trailing {@code +} in logs marks a redispatch)
 * @param redispatched   whether the last retry went to another server
 * @param srvQueue       server queue position when queued
 * @param backendQueue   backend queue position when queued
 * @param requestLine    the request line as received, or {@code <BADREQ>}; {@code null} stands for
 *                       "method, URI and version joined by spaces", built only if asked for
 * @param method         the request method, or {@code null}
 * @param uri            the request URI, or {@code null}
 * @param version        the request version, or {@code null}
 * @param serverAddress  the address of the server connection's peer, or {@code null} when none was used
 * @param backendSource  the local address of the server connection, or {@code null} when none was used
 * @param uniqueId       the request's unique id ({@code unique-id-format}), or {@code null}
 * @param requestId      the process-wide request counter's value for this stream (HAProxy's {@code %rt})
 * @param context        the stream's sample context, for {@code %[...]} in log formats: valid only
 *                       during {@link StreamObserver#streamEnded}, {@code null} when no stream exists
 */
public record StreamRecord(InetSocketAddress client, InetSocketAddress frontendAddr, String frontend,
                           String backend, String server, long acceptEpochMillis, long requestEpochMillis,
                           long th, long ti, long tr, long tw, long tc, long tResp, long ta, long tt,
                           int status, long bytesOut, long bytesIn, String termination,
                           int actconn, int feconn, int beconn, int srvconn, int retries, boolean redispatched,
                           int srvQueue, int backendQueue, String requestLine, String method, String uri,
                           String version, InetSocketAddress serverAddress, InetSocketAddress backendSource,
                           String uniqueId, long requestId, SampleContext context) {

    /** The request line: {@code <BADREQ>}, or method, URI and version as received. */
    @Override
    public String requestLine() {
        return requestLine != null ? requestLine : method + " " + uri + " " + version;
    }
}
