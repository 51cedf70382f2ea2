package dev.rampart.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void should_suggest_the_nearest_known_name_within_a_few_edits() {
        assertThat(DidYouMean.nearest("max_body_byte", List.of("max_body_bytes", "port"))).contains("max_body_bytes");
        assertThat(DidYouMean.hint("blok", List.of("allow", "block"))).isEqualTo(" (did you mean 'block'?)");
    }

    @Test
    void should_list_the_known_keys_when_nothing_is_near() {
        assertThat(DidYouMean.nearest("colour", List.of("port", "host"))).isEmpty();
        assertThat(DidYouMean.unknownKey("colour", List.of("port", "host")))
                .isEqualTo("unknown key (known keys: host, port)");
        assertThat(DidYouMean.unknownKey("prot", List.of("port", "host")))
                .isEqualTo("unknown key (did you mean 'port'?)");
    }
}
