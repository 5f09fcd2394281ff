package dev.fulcrum.sample;

/**
 * Where in a stream's life an expression is evaluated (HAProxy's "check points").
 * Each rule parser passes the site of its rule set so that a fetch whose data
 * cannot exist there is refused at configuration time. The labels are HAProxy's,
 * as they appear in its messages.
 */
public enum UseSite {
    FE_CON_ACC("frontend tcp-request connection rule"),
    FE_SES_ACC("frontend tcp-request session rule"),
    FE_REQ_CNT("frontend tcp-request content rule"),
    FE_HRQ_HDR("frontend http-request header rule"),
    FE_HRQ_BDY("frontend http-request body rule"),
    FE_SET_BCK("frontend use-backend rule"),
    BE_REQ_CNT("backend tcp-request content rule"),
    BE_HRQ_HDR("backend http-request header rule"),
    BE_HRQ_BDY("backend http-request body rule"),
    BE_SET_SRV("backend use-server, balance or stick-match rule"),
    BE_SRV_CON("server source selection"),
    BE_RES_CNT("backend tcp-response content rule"),
    BE_HRS_HDR("backend http-response header rule"),
    BE_HRS_BDY("backend http-response body rule"),
    BE_STO_RUL("backend stick-store rule"),
    FE_RES_CNT("frontend tcp-response content rule"),
    FE_HRS_HDR("frontend http-response header rule"),
    FE_HRS_BDY("frontend http-response body rule"),
    FE_LOG_END("logs"),
    BE_CHK_RUL("backend tcp-check rule"),
    CFG_PARSER("configuration parser"),
    CLI_PARSER("CLI parser");

    private final String label;

    UseSite(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The site of {@code http-request} rules: a proxy with a frontend capability
     * (frontend or listen) evaluates them as a frontend, as HAProxy does.
     */
    public static UseSite httpRequest(boolean hasFrontend) {
        return hasFrontend ? FE_HRQ_HDR : BE_HRQ_HDR;
    }

    /**
     * The site of {@code http-response} and {@code http-after-response} rules: a
     * proxy with a backend capability (backend or listen) evaluates them as a
     * backend, as HAProxy does.
     */
    public static UseSite httpResponse(boolean hasBackend) {
        return hasBackend ? BE_HRS_HDR : FE_HRS_HDR;
    }

    /** The site of {@code tcp-request content} rules. */
    public static UseSite tcpRequestContent(boolean hasFrontend) {
        return hasFrontend ? FE_REQ_CNT : BE_REQ_CNT;
    }

    /** The site of {@code tcp-response content} rules. */
    public static UseSite tcpResponseContent(boolean hasFrontend) {
        return hasFrontend ? FE_RES_CNT : BE_RES_CNT;
    }
}
