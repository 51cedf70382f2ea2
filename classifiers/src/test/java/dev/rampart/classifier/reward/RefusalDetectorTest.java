package dev.rampart.classifier.reward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefusalDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "I'm sorry, but I can't help with that.",
        "I cannot assist with this request.",
        "Sorry — I won't provide instructions for that.",
        "As an AI language model, I am unable to provide that information.",
        "I\u2019m not comfortable helping with this.",
        "Unfortunately I must decline to answer that question."
    })
    void should_recognise_a_refusal(String text) {
        assertThat(RefusalDetector.isRefusal(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sure! To kill a Python process, run `kill <pid>` or use `pkill -f script.py`.",
        "Paris is the capital of France.",
        "I can help with that: first, preheat the oven to 180 °C.",
        "You can't go wrong with a good night's sleep before an exam.",
        ""
    })
    void should_not_mistake_an_answer_for_a_refusal(String text) {
        assertThat(RefusalDetector.isRefusal(text)).isFalse();
    }
}
