/**
 * Logging, as HAProxy does it: {@code log} targets (UDP syslog, UNIX datagram
 * sockets, stdout/stderr) with HAProxy's syslog header formats, the per-proxy
 * {@link dev.fulcrum.log.ProxyLogger}, traffic log lines in the
 * {@code httplog}/{@code clf}/{@code tcplog}/custom formats, unique ids, and
 * the {@link dev.fulcrum.log.Logging} entry point other rooms use to log their
 * events. Sending never blocks an event loop: destinations that cannot take a
 * message drop it and count the drop.
 */
package dev.fulcrum.log;
