package dev.fulcrum.sample;

import java.util.EnumSet;
import java.util.Set;

import static dev.fulcrum.sample.UseSite.*;

/**
 * Where a fetch takes its data from, and so at which {@link UseSite}s that data
 * exists. Labels are HAProxy's. The sites follow configuration.txt section 7.3
 * and were checked against haproxy 2.6 by using a representative fetch of each
 * source in each kind of rule ({@code haproxy -c}).
 */
public enum SampleSource {
    CONST("const"),
    INTRN("internal state"),
    LISTN("listener"),
    FTEND("frontend"),
    L4CLI("client address"),
    L5CLI("client-side connection"),
    TRACK("track counters"),
    L6REQ("request buffer"),
    HRQHV("HTTP request headers"),
    HRQHP("HTTP request"),
    HRQBO("HTTP request body"),
    BKEND("backend"),
    SERVR("server"),
    L4SRV("server address"),
    L5SRV("server-side connection"),
    L6RES("response buffer"),
    HRSHV("HTTP response headers"),
    HRSHP("HTTP response"),
    HRSBO("HTTP response body"),
    RQFIN("request buffer statistics"),
    RSFIN("response buffer statistics"),
    TXFIN("transaction statistics"),
    SSFIN("session statistics");

    private static final Set<UseSite> STREAM = EnumSet.complementOf(EnumSet.of(CFG_PARSER, CLI_PARSER));
    private static final Set<UseSite> REQUEST = EnumSet.of(FE_REQ_CNT, FE_HRQ_HDR, FE_HRQ_BDY, FE_SET_BCK,
            BE_REQ_CNT, BE_HRQ_HDR, BE_HRQ_BDY, BE_SET_SRV, BE_SRV_CON);
    private static final Set<UseSite> RESPONSE = EnumSet.of(BE_RES_CNT, BE_HRS_HDR, BE_HRS_BDY, BE_STO_RUL,
            FE_RES_CNT, FE_HRS_HDR, FE_HRS_BDY, BE_CHK_RUL);
    private static final Set<UseSite> AFTER_SERVER = union(RESPONSE, EnumSet.of(BE_SRV_CON, FE_LOG_END));
    private static final Set<UseSite> AFTER_BACKEND = union(AFTER_SERVER,
            EnumSet.of(BE_REQ_CNT, BE_HRQ_HDR, BE_HRQ_BDY, BE_SET_SRV));

    private final String label;

    SampleSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether data from this source can exist at {@code site}. */
    public boolean availableAt(UseSite site) {
        return sites().contains(site);
    }

    private Set<UseSite> sites() {
        return switch (this) {
            case CONST, INTRN -> EnumSet.allOf(UseSite.class);
            // a health check has a session but neither frontend nor client connection nor request
            case LISTN, FTEND -> without(STREAM, BE_CHK_RUL);
            case L4CLI, TRACK -> STREAM;
            case L5CLI -> without(without(STREAM, FE_CON_ACC), BE_CHK_RUL);
            case L6REQ, HRQHV, HRQBO -> REQUEST;
            case HRQHP -> without(without(without(STREAM, FE_CON_ACC), FE_SES_ACC), BE_CHK_RUL);
            case BKEND -> AFTER_BACKEND;
            case SERVR, L4SRV, L5SRV -> AFTER_SERVER;
            case L6RES, HRSHV, HRSBO -> RESPONSE;
            case HRSHP -> union(RESPONSE, EnumSet.of(FE_LOG_END));
            case RQFIN, RSFIN, TXFIN, SSFIN -> EnumSet.of(FE_LOG_END);
        };
    }

    private static Set<UseSite> union(Set<UseSite> a, Set<UseSite> b) {
        EnumSet<UseSite> s = EnumSet.copyOf(a);
        s.addAll(b);
        return s;
    }

    private static Set<UseSite> without(Set<UseSite> a, UseSite x) {
        EnumSet<UseSite> s = EnumSet.copyOf(a);
        s.remove(x);
        return s;
    }
}
