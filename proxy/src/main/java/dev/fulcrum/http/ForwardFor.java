package dev.fulcrum.http;

import static java.util.Objects.requireNonNull;

/**
 * {@code option forwardfor} or {@code option originalto}: add a header carrying the
 * client (or original destination) address to requests sent to servers.
 *
 * @param header      the header name (X-Forwarded-For / X-Original-To by default)
 * @param exceptNet   addresses in this network get no header; {@code null} = none
 * @param ifNone      only add it when the request has none (forwardfor only)
 */
public record ForwardFor(String header, Cidr exceptNet, boolean ifNone) {

    public ForwardFor {
        requireNonNull(header, "header");
    }
}
