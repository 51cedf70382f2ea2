package dev.rampart.classifier.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiDetectorsTest {

    private static List<String> found(String detector, String text) {
        List<String> out = new ArrayList<>();
        PiiDetectors.find(detector, text, (s, e) -> out.add(text.substring(s, e)));
        return out;
    }

    @Test
    void should_list_every_builtin_name() {
        assertThat(PiiDetectors.NAMES).containsExactlyInAnyOrder("pii:email", "pii:phone", "pii:payment_card",
                "pii:iban", "pii:national_id", "pii:secret", "pii:ip_address");
        assertThatThrownBy(() -> PiiDetectors.find("pii:dna", "x", (s, e) -> { }))
                .hasMessageContaining("unknown detector 'pii:dna'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "visa 4111111111111111 ok|4111111111111111",
            "visa 4111 1111 1111 1111.|4111 1111 1111 1111",
            "mc 5500-0000-0000-0004 ok|5500-0000-0000-0004",
            "amex 3782 822463 10005 ok|3782 822463 10005",
            "disc 6011 0009 9013 9424 118 ok|6011 0009 9013 9424",
            "order 12 4111 1111 1111 1111 today|4111 1111 1111 1111",
    })
    void should_find_luhn_valid_cards_with_exact_spans(String text, String expected) {
        assertThat(found("pii:payment_card", text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "visa 4111 1111 1111 1112",
            "tracking 1234567890123",
            "twelve 411111111111",
            "phone +1 415 555 2671",
    })
    void should_ignore_digit_runs_that_fail_luhn_or_length(String text) {
        assertThat(found("pii:payment_card", text)).isEmpty();
    }

    @Test
    void should_find_valid_ibans_and_reject_bad_check_digits() {
        assertThat(found("pii:iban", "pay DE89 3704 0044 0532 0130 00 now")).containsExactly("DE89 3704 0044 0532 0130 00");
        assertThat(found("pii:iban", "pay DE89370400440532013000.")).containsExactly("DE89370400440532013000");
        assertThat(found("pii:iban", "to FR14 2004 1010 0505 0001 3M02 606")).containsExactly("FR14 2004 1010 0505 0001 3M02 606");
        assertThat(found("pii:iban", "pay DE88 3704 0044 0532 0130 00 now")).isEmpty();
        assertThat(found("pii:iban", "pay DE89 3704 0044 0532 0130 01 now")).isEmpty();
    }

    @Test
    void should_find_social_security_numbers_outside_the_never_issued_ranges() {
        assertThat(found("pii:national_id", "ssn 078-05-1121, again 219 09 9999.")).containsExactly("078-05-1121", "219 09 9999");
        for (String invalid : List.of("000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567",
                "123-45-0000", "123-45 6789", "1234-56-7890", "2023-12-3456")) {
            assertThat(found("pii:national_id", "id " + invalid + " end")).as(invalid).isEmpty();
        }
    }

    @Test
    void should_find_uk_national_insurance_numbers() {
        assertThat(found("pii:national_id", "NI: QQ123456C? no; AB 12 34 56 C yes")).containsExactly("AB 12 34 56 C");
        assertThat(found("pii:national_id", "GB123456A BG123456A")).isEmpty();
    }

    @Test
    void should_find_emails_and_phones_exactly() {
        assertThat(found("pii:email", "write to <jane.doe+x@mail.example.co.uk>.")).containsExactly("jane.doe+x@mail.example.co.uk");
        assertThat(found("pii:phone", "call (415) 555-2671 or +44 20 7946 0958.")).containsExactly("+44 20 7946 0958", "(415) 555-2671");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "aws AKIAIOSFODNN7EXAMPLE leaked|AKIAIOSFODNN7EXAMPLE",
            "key sk-proj-abcDEF1234567890ghijKLMN here|sk-proj-abcDEF1234567890ghijKLMN",
            "gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 x|ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "gh github_pat_11ABCDEFG0123456789_abcdefghijKLMNOP x|github_pat_11ABCDEFG0123456789_abcdefghijKLMNOP",
            "slack xoxb-1234567890-abcdefghij ok|xoxb-1234567890-abcdefghij",
            "-----BEGIN RSA PRIVATE KEY-----|-----BEGIN RSA PRIVATE KEY-----",
            "config api_key=Zx81kPq0LmN3vB7s done|Zx81kPq0LmN3vB7s",
            "\"client_secret\": \"f3K9s8QpLx02mZrT\"|f3K9s8QpLx02mZrT",
    })
    void should_find_secrets_with_exact_spans(String text, String expected) {
        assertThat(found("pii:secret", text)).containsExactly(expected);
    }

    @Test
    void should_not_flag_placeholder_or_low_entropy_assignments() {
        assertThat(found("pii:secret", "api_key=YOUR_API_KEY_HERE")).isEmpty();
        assertThat(found("pii:secret", "password: aaaaaaaaaaaaaaaa")).isEmpty();
        assertThat(found("pii:secret", "the token is in the vault")).isEmpty();
    }
}
