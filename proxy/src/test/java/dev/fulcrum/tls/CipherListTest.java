package dev.fulcrum.tls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OpenSSL cipher strings and TLS 1.3 suite lists read into the JDK's suite names. */
class CipherListTest {

    @Test
    void openSslNamesMapToJdkSuites() {
        assertThat(CipherList.ciphers("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-SHA"))
                .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
    }

    @Test
    void aliasesCombineAndModifiersApplyInOrder() {
        assertThat(CipherList.ciphers("ECDHE+AESGCM")).isNotEmpty().allMatch(s -> s.startsWith("TLS_ECDHE_")
                && s.contains("_GCM_"));
        assertThat(CipherList.ciphers("HIGH:!aNULL:!MD5:!kRSA")).isNotEmpty().noneMatch(s -> s.startsWith("TLS_RSA_"));
        // '!' removes for good, '-' only until added again
        assertThat(CipherList.ciphers("ECDHE-ECDSA-AES128-SHA:!SHA1:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA256"))
                .containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
        assertThat(CipherList.ciphers("ECDHE-ECDSA-AES128-SHA:-SHA1:ECDHE-ECDSA-AES128-SHA"))
                .containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
        assertThat(CipherList.ciphers("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-GCM-SHA384:+SHA1"))
                .containsExactly("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
        assertThat(CipherList.ciphers("ECDHE-ECDSA-AES128-SHA ECDHE-ECDSA-AES256-SHA,@STRENGTH"))
                .containsExactly("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
    }

    @Test
    void unknownNamesAreSkippedAndAnEmptyResultIsRefusedInHaproxysWords() {
        assertThat(CipherList.ciphers("FOO:ECDHE-RSA-AES128-GCM-SHA256"))
                .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThatThrownBy(() -> CipherList.ciphers("FOO")).hasMessage("unable to set SSL cipher list to 'FOO'.");
        assertThatThrownBy(() -> CipherList.ciphers("CAMELLIA:RC4")).hasMessage("unable to set SSL cipher list to "
                + "'CAMELLIA:RC4' (none of these ciphers is available to Fulcrum's TLS).");
    }

    @Test
    void tls13SuitesAreTakenByName() {
        assertThat(CipherList.suites("TLS_CHACHA20_POLY1305_SHA256:FOO:TLS_AES_128_GCM_SHA256"))
                .containsExactly("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256");
        assertThatThrownBy(() -> CipherList.suites("FOO")).hasMessage("unable to set TLS 1.3 cipher suites to 'FOO'.");
        assertThatThrownBy(() -> CipherList.suites("TLS_AES_128_CCM_SHA256")).hasMessageContaining("none of these suites");
    }
}
