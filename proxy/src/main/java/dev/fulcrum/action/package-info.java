/**
 * Rules: {@code http-request}, {@code http-response}, {@code http-after-response},
 * {@code tcp-request} and {@code tcp-response} actions, plus the section keywords
 * that act on a request the same way ({@code redirect}, {@code capture},
 * {@code monitor-uri}, {@code use-server}...).
 *
 * <p>Each rule is compiled once at parse time into a {@link dev.fulcrum.action.Rule}
 * (an {@link dev.fulcrum.action.HttpAction} and its condition). A proxy's rules are
 * gathered into {@link dev.fulcrum.action.ProxyRules}, which the data path calls
 * through {@link dev.fulcrum.action.HttpTxn}, its view of the stream. Actions never
 * touch the data path directly: a reply (deny, return, redirect, auth) is handed
 * back to the stream, which sends it.
 */
package dev.fulcrum.action;
