package dev.rampart.classifier.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataMaskTest {

    @Test
    void should_replace_personal_data_with_placeholders_the_model_can_read() {
        assertThat(PersonalDataMask.mask("The card on file is 4111 1111 1111 1111, mail jane.doe@example.com."))
                .isEqualTo("The card on file is [card number], mail [email address].");
    }

    @Test
    void should_leave_text_without_personal_data_untouched() {
        String text = "Order number 4111 1111 1111 1112 has shipped.";
        assertThat(PersonalDataMask.mask(text)).isSameAs(text);
    }

    @Test
    void should_mask_secrets_by_their_value() {
        assertThat(PersonalDataMask.mask("my key is sk-proj-abcdefghijklmnopqrstuvwx123456"))
                .isEqualTo("my key is [secret]");
    }
}
