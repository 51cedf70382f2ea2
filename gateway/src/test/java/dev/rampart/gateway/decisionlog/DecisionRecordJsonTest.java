package dev.rampart.gateway.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.policy.Action;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Direction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionRecordJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record with every optional part: shadow, reward, a failed classifier, findings, monitored, text. */
    private static DecisionRecord full() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("S1", 8.440898856225819E-4);
        scores.put("S10", 0.9999999999999999);
        scores.put("prompt_injection", 0.0);
        Map<String, Double> attributes = new LinkedHashMap<>();
        attributes.put("helpfulness", 3.25);
        return new DecisionRecord("d-p", "d", Instant.parse("2026-12-05T17:25:19.216356904Z"), "chat_completions",
                "3c000f0db7c30e91", "acme", 0.72, 2, "default", "3bf37b1f08f4", Direction.COMPLETION, Action.BLOCK,
                List.of("S10"), true,
                List.of(new ClassifierScores("embedded", ClassifierStatus.OK, scores, List.of(), List.of(), null),
                        ClassifierScores.error("remote", List.of("S1", "S2"), "timeout")),
                List.of(new CategoryFinding("S10", Action.BLOCK, true, 0.9999999999999999, 0.5, 2, null, true, false)),
                Action.BLOCK, List.of("S3"),
                new DecisionRecord.Shadow("candidate", "abc", Action.ALLOW, Action.FLAG, List.of("S3"), false),
                new DecisionRecord.Reward("scored", "nvidia", attributes, null, 2, List.of("over_refusal")),
                1.234, "576567ec1fb2a964f388de4002c42d569f90e86ba60ea8621f97841f5528f956", "line\n\"quoted\" \u2028 text");
    }

    @Test
    void should_read_back_every_field_it_wrote() throws Exception {
        DecisionRecord d = full();

        DecisionRecord back = DecisionRecordJson.read(JSON.readTree(DecisionRecordJson.line(d)));

        assertThat(back).usingRecursiveComparison().isEqualTo(d);
    }

    @Test
    void should_write_one_line_with_snake_case_names_and_shortest_round_trip_scores() throws Exception {
        byte[] line = DecisionRecordJson.line(full());
        String text = new String(line, StandardCharsets.UTF_8);

        assertThat(text).endsWith("\n").doesNotContain("\n\"").hasLineCount(1);
        JsonNode n = JSON.readTree(line);
        assertThat(n.path("time").asText()).isEqualTo("2026-12-05T17:25:19.216356904Z");
        assertThat(n.path("policy_revision").asText()).isEqualTo("3bf37b1f08f4");
        assertThat(n.path("text_sha256").asText()).hasSize(64);
        assertThat(n.path("classifiers").get(0).path("scores").path("S1").asDouble()).isEqualTo(8.440898856225819E-4);
        assertThat(n.path("classifiers").get(1).path("covers")).hasSize(2);
        assertThat(n.path("findings").get(0).path("tier").isInt()).isTrue();
        assertThat(n.path("reward").path("attempts").isInt()).isTrue();
        assertThat(text).contains("\"S10\":0.9999999999999999").contains("\"latency_ms\":1.234");
    }
}
