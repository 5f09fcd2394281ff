/**
 * Statistics as HAProxy publishes them. Today: the Prometheus exporter
 * ({@code http-request use-service prometheus-exporter}), a service that reads
 * the counters the other rooms keep (frontends, backends, servers, checks) and
 * writes them in the Prometheus text exposition format, streamed piece by
 * piece as the client reads so that a large configuration costs no large buffer.
 */
package dev.fulcrum.stats;
