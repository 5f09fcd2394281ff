package dev.fulcrum.config;

import java.util.List;

/**
 * The keyword providers of every room, in one list. A room that adds keywords
 * adds its provider here; nothing else needs to change.
 */
final class StandardKeywords {

    static final List<KeywordProvider> PROVIDERS = List.of(
            new dev.fulcrum.runtime.GlobalKeywords(),
            new dev.fulcrum.proxy.ProxyKeywords(),
            new dev.fulcrum.server.ServerKeywords(),
            new dev.fulcrum.backend.BackendKeywords(),
            new dev.fulcrum.http.HttpKeywords(),
            new dev.fulcrum.http.ErrorKeywords(),
            new dev.fulcrum.proxyprotocol.ProxyProtocolKeywords(),
            new dev.fulcrum.lb.LbKeywords(),
            new dev.fulcrum.sample.SampleKeywords(),
            new dev.fulcrum.acl.AclKeywords(),
            new dev.fulcrum.switching.SwitchingKeywords(),
            new dev.fulcrum.check.CheckKeywords(),
            new dev.fulcrum.tls.TlsKeywords(),
            new dev.fulcrum.action.ActionKeywords(),
            new dev.fulcrum.stick.StickKeywords(),
            new dev.fulcrum.cookie.CookieKeywords(),
            new dev.fulcrum.userlist.UserlistKeywords(),
            new dev.fulcrum.log.LogKeywords(),
            new dev.fulcrum.tcp.TcpKeywords(),
            new LegacyKeywords());

    static final KeywordRegistry REGISTRY = build();

    private StandardKeywords() {
    }

    private static KeywordRegistry build() {
        KeywordRegistry.Builder b = KeywordRegistry.builder();
        PROVIDERS.forEach(b::include);
        return b.build();
    }
}
