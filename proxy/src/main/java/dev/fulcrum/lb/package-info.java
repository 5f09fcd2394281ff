/**
 * Load balancing: HAProxy's {@code balance}, {@code hash-type},
 * {@code hash-balance-factor} and {@code option allbackups}, and the balancers
 * that choose a server per request.
 *
 * <p>Configuration: {@link dev.fulcrum.lb.LbKeywords} parses the keywords into
 * {@link dev.fulcrum.lb.LbSettings} ({@link dev.fulcrum.lb.BalanceSpec},
 * {@link dev.fulcrum.lb.HashSpec}).
 *
 * <p>Run time: {@link dev.fulcrum.lb.Balancer#create(dev.fulcrum.config.ProxyConfig, java.util.List)}
 * builds a backend's balancer over its {@link dev.fulcrum.lb.LbServer}s; the data
 * path calls {@link dev.fulcrum.lb.Balancer#pick} with an
 * {@link dev.fulcrum.lb.LbRequest} per request, and reports server changes with
 * {@link dev.fulcrum.lb.Balancer#update} and load changes with
 * {@link dev.fulcrum.lb.Balancer#loadChanged}.
 *
 * <p>Each algorithm reproduces haproxy 2.6's choices, as established by black-box
 * experiments against the real haproxy (its documentation does not describe
 * them in this detail) and kept by the differential tests of this package:
 * <ul>
 * <li>{@code roundrobin}: HAProxy's windowed weighted round robin
 *     ({@code FwrrGroup}), including how weight and state changes reschedule a
 *     server;</li>
 * <li>{@code static-rr} and {@code hash-type map-based}: a weighted table
 *     ({@code MapBalancer});</li>
 * <li>{@code hash-type consistent} and {@code random}: a ring of 16 points per
 *     unit of weight ({@code HashRing});</li>
 * <li>{@code leastconn}: load relative to weight, rotating among equals;</li>
 * <li>key extraction for {@code source}, {@code uri}, {@code url_param},
 *     {@code hdr}, {@code rdp-cookie} and {@code hash} ({@code RequestKeys}).</li>
 * </ul>
 * Where haproxy contradicts its own documentation (multiple backups without
 * {@code option allbackups} under static-rr and map-based url_param), the
 * documented behaviour is implemented: the first usable backup takes all traffic.
 */
package dev.fulcrum.lb;
