package dev.fulcrum.sample;

import dev.fulcrum.config.Settings;
import org.junit.jupiter.api.Test;

import static dev.fulcrum.sample.UseSite.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where fetches are usable. Each expectation was observed with haproxy 2.6 by
 * using the fetch in a {@code set-var} of the corresponding rule set (or in a
 * log-format) and reading whether {@code haproxy -c} accepts it, and which
 * source it names when it does not.
 */
class UseSiteTest {

    private static String missing(String fetch, UseSite site) throws SampleParseException {
        SampleExpr e = Samples.parse(fetch, CompileContext.standalone(site, Settings.builder()));
        SampleSource s = e.unavailableAt(site);
        return s == null ? "ok" : s.label();
    }

    @Test
    void connectionRulesSeeOnlyTheConnection() throws SampleParseException {
        assertThat(missing("src", FE_CON_ACC)).isEqualTo("ok");
        assertThat(missing("so_id", FE_CON_ACC)).isEqualTo("ok");
        assertThat(missing("unique-id", FE_CON_ACC)).isEqualTo("ok");
        assertThat(missing("req.len", FE_CON_ACC)).isEqualTo("request buffer");
        assertThat(missing("path", FE_CON_ACC)).isEqualTo("HTTP request headers");
        assertThat(missing("method", FE_CON_ACC)).isEqualTo("HTTP request");
        assertThat(missing("method", FE_SES_ACC)).isEqualTo("HTTP request");
        assertThat(missing("be_name", FE_CON_ACC)).isEqualTo("backend");
    }

    @Test
    void requestRulesSeeTheRequestButNotTheResponse() throws SampleParseException {
        for (UseSite site : new UseSite[] {FE_REQ_CNT, FE_HRQ_HDR, FE_SET_BCK}) {
            assertThat(missing("req.len", site)).isEqualTo("ok");
            assertThat(missing("path", site)).isEqualTo("ok");
            assertThat(missing("req.body", site)).isEqualTo("ok");
            assertThat(missing("be_name", site)).isEqualTo("backend");
            assertThat(missing("srv_name", site)).isEqualTo("server");
            assertThat(missing("status", site)).isEqualTo("HTTP response");
            assertThat(missing("res.hdr(x)", site)).isEqualTo("HTTP response headers");
            assertThat(missing("capture.res.hdr(0)", site)).isEqualTo("HTTP response");
        }
        assertThat(missing("be_name", BE_HRQ_HDR)).isEqualTo("ok");
        assertThat(missing("srv_name", BE_SET_SRV)).isEqualTo("server");
    }

    @Test
    void responseRulesAndLogs() throws SampleParseException {
        assertThat(missing("path", FE_HRS_HDR)).isEqualTo("HTTP request headers");
        assertThat(missing("req.len", BE_HRS_HDR)).isEqualTo("request buffer");
        assertThat(missing("method", FE_HRS_HDR)).isEqualTo("ok");
        assertThat(missing("res.hdr(x)", FE_HRS_HDR)).isEqualTo("ok");
        assertThat(missing("srv_name", BE_STO_RUL)).isEqualTo("ok");
        assertThat(missing("path", FE_LOG_END)).isEqualTo("HTTP request headers");
        assertThat(missing("res.hdr(x)", FE_LOG_END)).isEqualTo("HTTP response headers");
        assertThat(missing("status", FE_LOG_END)).isEqualTo("ok");
        assertThat(missing("capture.req.hdr(0)", FE_LOG_END)).isEqualTo("ok");
        // hdr() reads the request or the response, so either is enough
        assertThat(missing("hdr(x)", FE_HRS_HDR)).isEqualTo("ok");
        assertThat(missing("hdr(x)", FE_LOG_END)).isEqualTo("HTTP request headers");
    }

    @Test
    void checkSiteWordsTheErrorLikeHaproxy() throws SampleParseException {
        SampleExpr e = Samples.parse("status", CompileContext.standalone(FE_HRQ_HDR, Settings.builder()));
        assertThatThrownBy(() -> Samples.checkSite(e, FE_HRQ_HDR)).hasMessage(
                "fetch method 'status' extracts information from 'HTTP response', none of which is available here");
        Samples.checkSite(e, FE_HRS_HDR);
    }
}
