package dev.fulcrum.action;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.Setting;
import dev.fulcrum.http.HttpHeaders;
import dev.fulcrum.server.Server;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one proxy in the form the data path runs them: arrays built once
 * when the engine starts. A proxy's rules are its defaults section's rules
 * followed by its own, as HAProxy 2.6 evaluates them. Immutable and shared by
 * every stream.
 */
public final class ProxyRules {

    /** A proxy without any rule. */
    public static final ProxyRules NONE = new ProxyRules();

    private final Rule[] tcpConnection;
    private final Rule[] tcpSession;
    private final Rule[] tcpContent;
    private final Rule[] tcpResponse;
    private final Rule[] httpRequest;
    private final Rule[] redirects;
    private final Rule[] httpResponse;
    private final Rule[] httpAfterResponse;
    private final Rule[] monitorFail;
    private final String monitorUri;
    private final int[] requestCaptureLengths;
    private final int[] responseCaptureLengths;
    private final CaptureKeywords.HeaderCapture[] requestHeaderCaptures;
    private final CaptureKeywords.HeaderCapture[] responseHeaderCaptures;
    private final UseServerRule[] useServer;
    private final Rule[] forcePersist;
    /** force-persist and ignore-persist rules in declaration order: the first that matches decides. */
    private final Rule[] persistRules;

    private ProxyRules() {
        httpRequest = redirects = httpResponse = httpAfterResponse = monitorFail = new Rule[0];
        tcpConnection = tcpSession = tcpContent = tcpResponse = httpRequest;
        monitorUri = "";
        requestCaptureLengths = responseCaptureLengths = new int[0];
        requestHeaderCaptures = responseHeaderCaptures = new CaptureKeywords.HeaderCapture[0];
        useServer = new UseServerRule[0];
        forcePersist = persistRules = new Rule[0];
    }

    private ProxyRules(ProxyConfig p) {
        tcpConnection = withDefaults(p, ActionSettings.TCP_REQUEST_CONNECTION);
        tcpSession = withDefaults(p, ActionSettings.TCP_REQUEST_SESSION);
        tcpContent = withDefaults(p, ActionSettings.TCP_REQUEST_CONTENT);
        tcpResponse = withDefaults(p, ActionSettings.TCP_RESPONSE_CONTENT);
        httpRequest = withDefaults(p, ActionSettings.HTTP_REQUEST);
        redirects = p.get(ActionSettings.REDIRECTS).toArray(Rule[]::new);
        httpResponse = withDefaults(p, ActionSettings.HTTP_RESPONSE);
        httpAfterResponse = withDefaults(p, ActionSettings.HTTP_AFTER_RESPONSE);
        monitorFail = p.get(ActionSettings.MONITOR_FAIL).toArray(Rule[]::new);
        monitorUri = p.get(ActionSettings.MONITOR_URI);
        requestCaptureLengths = CaptureKeywords.lengths(p.get(ActionSettings.REQUEST_CAPTURES));
        responseCaptureLengths = CaptureKeywords.lengths(p.get(ActionSettings.RESPONSE_CAPTURES));
        requestHeaderCaptures = p.get(ActionSettings.REQUEST_HEADER_CAPTURES).toArray(CaptureKeywords.HeaderCapture[]::new);
        responseHeaderCaptures = p.get(ActionSettings.RESPONSE_HEADER_CAPTURES)
                .toArray(CaptureKeywords.HeaderCapture[]::new);
        useServer = p.get(ActionSettings.USE_SERVER).toArray(UseServerRule[]::new);
        forcePersist = p.get(ActionSettings.FORCE_PERSIST).toArray(Rule[]::new);
        persistRules = java.util.stream.Stream.concat(java.util.Arrays.stream(forcePersist),
                        p.get(ActionSettings.IGNORE_PERSIST).stream())
                .sorted(java.util.Comparator.comparingInt((Rule r) -> r.location().line()))
                .toArray(Rule[]::new);
    }

    /** The compiled rules of {@code p}. */
    public static ProxyRules of(ProxyConfig p) {
        return new ProxyRules(p);
    }

    private static Rule[] withDefaults(ProxyConfig p, Setting<List<Rule>> key) {
        List<Rule> all = new ArrayList<>();
        if (p.defaults() != null) {
            all.addAll(p.defaults().get(key));
        }
        all.addAll(p.get(key));
        return all.toArray(Rule[]::new);
    }

    /** Whether the proxy has request rules or redirects to run. */
    public boolean hasRequestRules() {
        return tcpContent.length > 0 || httpRequest.length > 0 || redirects.length > 0;
    }

    /** Whether the frontend has tcp-request connection rules. */
    public boolean hasConnectionRules() {
        return tcpConnection.length > 0;
    }

    /** Whether the frontend has tcp-request session rules. */
    public boolean hasSessionRules() {
        return tcpSession.length > 0;
    }

    /**
     * Runs the {@code tcp-request connection} rules when a client connects
     * (before any PROXY header is read): {@link Verdict#REJECT} closes it.
     */
    public Verdict connection(HttpTxn t) {
        Verdict v = Rule.run(tcpConnection, t);
        return v == Verdict.REJECT ? v : Verdict.CONTINUE;
    }

    /**
     * Runs the {@code tcp-request session} rules once the session starts (after
     * the PROXY header, whose addresses they see): {@link Verdict#REJECT} closes it.
     */
    public Verdict session(HttpTxn t) {
        Verdict v = Rule.run(tcpSession, t);
        return v == Verdict.REJECT ? v : Verdict.CONTINUE;
    }

    public boolean hasResponseRules() {
        return tcpResponse.length > 0 || httpResponse.length > 0;
    }

    public boolean hasAfterResponseRules() {
        return httpAfterResponse.length > 0;
    }

    /**
     * Runs the {@code tcp-request content} rules (a reject closes the connection),
     * the {@code http-request} rules, then the section's {@code redirect}
     * rules (HAProxy's http_process_req_common order). An {@code allow} ends the
     * http-request rules but not the redirects. A {@link Verdict#WAIT} (a
     * {@code wait-for-body}) returns at once; the next call resumes at that rule.
     */
    public Verdict request(HttpTxn t) {
        int resume = t.takeSuspendedRule();
        if (resume < 0 && tcpContent.length > 0 && Rule.run(tcpContent, t) == Verdict.REJECT) {
            return Verdict.REJECT;
        }
        Verdict v = httpRequest.length == 0 ? Verdict.CONTINUE
                : Rule.run(httpRequest, Math.max(0, resume), resume >= 0, t);
        if (v == Verdict.CONTINUE || v == Verdict.STOP) {
            Verdict r = redirects.length == 0 ? Verdict.CONTINUE : Rule.run(redirects, t);
            if (r != Verdict.CONTINUE) {
                return r;
            }
        }
        return v;
    }

    /** Runs the {@code tcp-response content} rules (a reject or close closes), then the {@code http-response} rules. */
    public Verdict response(HttpTxn t) {
        if (tcpResponse.length > 0 && Rule.run(tcpResponse, t) == Verdict.REJECT) {
            return Verdict.REJECT;
        }
        return httpResponse.length == 0 ? Verdict.CONTINUE : Rule.run(httpResponse, t);
    }

    /** Runs the {@code http-after-response} rules. */
    public Verdict afterResponse(HttpTxn t) {
        return httpAfterResponse.length == 0 ? Verdict.CONTINUE : Rule.run(httpAfterResponse, t);
    }

    /** A fresh capture holder for a stream of this frontend ({@link Captures#NONE} without captures). */
    public Captures newCaptures() {
        if (requestCaptureLengths.length == 0 && responseCaptureLengths.length == 0) {
            return Captures.NONE;
        }
        return new Captures(requestCaptureLengths, responseCaptureLengths);
    }

    /** Fills the {@code capture request header} slots from the request head. */
    public void captureRequestHeaders(HttpHeaders h, Captures c) {
        for (CaptureKeywords.HeaderCapture hc : requestHeaderCaptures) {
            String v = h.getLast(hc.name());
            if (v != null) {
                c.captureRequest(hc.slot(), v);
            }
        }
    }

    /** Fills the {@code capture response header} slots from the response head. */
    public void captureResponseHeaders(HttpHeaders h, Captures c) {
        for (CaptureKeywords.HeaderCapture hc : responseHeaderCaptures) {
            String v = h.getLast(hc.name());
            if (v != null) {
                c.captureResponse(hc.slot(), v);
            }
        }
    }

    /** The {@code monitor-uri}, or {@code ""}. */
    public String monitorUri() {
        return monitorUri;
    }

    /** Whether a {@code monitor fail} condition holds (the monitor answers 503). */
    public boolean monitorFails(HttpTxn t) {
        for (Rule r : monitorFail) {
            if (r.condition().test(t, t.scratch())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the backend has {@code use-server} rules. */
    public boolean hasUseServer() {
        return useServer.length > 0;
    }

    /**
     * The server of the first matching {@code use-server} rule that may take the
     * request, as HAProxy's process_server_rules: a server that is down is skipped
     * (the next rules are tried) unless a {@code force-persist} condition holds.
     * Returns {@code null} when the balancer must choose.
     */
    public Server useServer(HttpTxn t, Backend be) {
        int forced = -1; // evaluated once, when first needed
        for (UseServerRule r : useServer) {
            if (!r.condition().test(t, t.scratch())) {
                continue;
            }
            Server s = be.server(r.server());
            if (s == null) {
                continue;
            }
            if (s.acceptsPersistent()) {
                return s;
            }
            if (forced < 0) {
                forced = forcesPersistence(t) ? 1 : 0;
            }
            if (forced == 1) {
                return s;
            }
        }
        return null;
    }

    /**
     * The first {@code force-persist} or {@code ignore-persist} rule whose condition
     * holds, as HAProxy applies them once the backend is known: 1 to force
     * persistence, -1 to ignore it, 0 when none matches.
     */
    public int persistence(HttpTxn t) {
        for (Rule r : persistRules) {
            if (r.condition().test(t, t.scratch())) {
                return r.name().equals("ignore-persist") ? -1 : 1;
            }
        }
        return 0;
    }

    /** Whether a {@code force-persist} condition holds for the request. */
    public boolean forcesPersistence(HttpTxn t) {
        for (Rule r : forcePersist) {
            if (r.condition().test(t, t.scratch())) {
                return true;
            }
        }
        return false;
    }

}
