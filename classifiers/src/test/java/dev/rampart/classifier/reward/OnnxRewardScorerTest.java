package dev.rampart.classifier.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.classifier.Problems;
import dev.rampart.classifier.onnx.SequenceModel;
import dev.rampart.classifier.onnx.testmodel.TinySequenceModel;
import dev.rampart.classifier.onnx.testmodel.TinySequenceModel.ModelFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OnnxRewardScorer} on tiny reward models written by the test ({@link TinySequenceModel#reward}): mean-pooled
 * embeddings with {@code token_type_ids}, so each output is an exact function of the pair's tokens.
 */
class OnnxRewardScorerTest {
    private static final String PATH = "classifiers.reward[0]";
    private static final List<String> HELPSTEER2 = RewardConfig.HELPSTEER2_ATTRIBUTES;

    @TempDir
    Path dir;

    private ModelFiles files(byte[] model, int maxPositions) {
        return TinySequenceModel.write(dir.resolve("m" + System.nanoTime()), model,
                TinySequenceModel.configJson(List.of("LABEL_0"), null, maxPositions));
    }

    private static OnnxRewardScorer load(OnnxRewardScorer.Config config) {
        return OnnxRewardScorer.load(config, PATH, n -> { });
    }

    private static RewardScores score(RewardScorer s, String prompt, String response) {
        return s.score(RewardInput.of(prompt, response)).toCompletableFuture().join();
    }

    private static List<String> loadProblems(OnnxRewardScorer.Config config) {
        return Problems.thrownBy(() -> load(config).close(), "expected the model to be refused at load");
    }

    private static List<String> parseProblems(Map<String, Object> yaml) {
        return Problems.thrownBy(() -> OnnxRewardScorer.Config.parse(yaml, PATH), "expected the configuration to be refused");
    }

    private static Map<String, Object> yaml(Object... keysAndValues) {
        return Problems.yaml(keysAndValues);
    }

    @Test
    void should_return_the_raw_output_of_a_one_output_model_as_reward() {
        ModelFiles f = files(TinySequenceModel.reward(1), 512);
        try (OnnxRewardScorer s = load(OnnxRewardScorer.Config.of("local", f.model(), f.tokenizer(), null))) {
            assertThat(s.ready()).isTrue();
            assertThat(s.attributes()).containsExactly("reward");
            // [CLS] hello [SEP] excellent answer [SEP]: excellent-dimension 8/6, reward = 8/6 - 1
            RewardScores good = score(s, "hello", "excellent answer");
            assertThat(good.isScored()).isTrue();
            assertThat(good.scorer()).isEqualTo("local");
            assertThat(good.attributes()).containsOnlyKeys("reward");
            assertThat(good.attribute("reward").getAsDouble()).isCloseTo(8.0 / 6 - 1, within(1e-5));
            // no activation: a raw logit, negative here
            assertThat(score(s, "hello", "the answer").attribute("reward").getAsDouble()).isCloseTo(-1, within(1e-5));
        }
    }

    @Test
    void should_return_every_output_of_a_five_output_model_under_its_attribute_name() {
        ModelFiles f = files(TinySequenceModel.reward(5), 512);
        try (OnnxRewardScorer s = load(OnnxRewardScorer.Config.of("helpsteer", f.model(), f.tokenizer(), HELPSTEER2))) {
            RewardScores r = score(s, "hello", "excellent answer");
            assertThat(r.attributes().keySet()).containsExactlyElementsOf(HELPSTEER2);
            assertThat(r.attribute("helpfulness").getAsDouble()).isCloseTo(8.0 / 6, within(1e-5));
            // the response and its [SEP] are segment 1: 3 of 6 tokens
            assertThat(r.attribute("correctness").getAsDouble()).isCloseTo(3.0 / 6, within(1e-5));
            assertThat(r.attribute("coherence").getAsDouble()).isCloseTo(5.0 / 6, within(1e-5));
            assertThat(r.attribute("complexity").getAsDouble()).isCloseTo(-1, within(1e-5));
            assertThat(r.attribute("verbosity").getAsDouble()).isCloseTo(0, within(1e-5));
        }
    }

    @Test
    void should_encode_the_pair_with_segment_ids_and_truncate_the_prompt_first() {
        ModelFiles f = files(TinySequenceModel.reward(5), 512);
        try (OnnxRewardScorer s = load(OnnxRewardScorer.Config.of("helpsteer", f.model(), f.tokenizer(), HELPSTEER2)
                .withMaxLength(16))) {
            int cls = 2;
            int sep = 3;
            int hello = TinySequenceModel.VOCAB.indexOf("hello");
            int the = TinySequenceModel.VOCAB.indexOf("the");
            int excellent = TinySequenceModel.VOCAB.indexOf("excellent");
            int answer = TinySequenceModel.VOCAB.indexOf("answer");

            SequenceModel.Input pair = s.encode("hello", "excellent answer");
            assertThat(pair.ids()).containsExactly(cls, hello, sep, excellent, answer, sep);
            assertThat(pair.typeIds()).containsExactly(0, 0, 0, 1, 1, 1);

            // 13 tokens of text fit: the response whole, the prompt's last 11 tokens
            SequenceModel.Input longPrompt = s.encode("the " + "hello ".repeat(50), "excellent answer");
            assertThat(longPrompt.ids()).hasSize(16).startsWith(cls, hello).endsWith(sep, excellent, answer, sep)
                    .doesNotContain(the);
            RewardScores scored = score(s, "the " + "hello ".repeat(50), "excellent answer");
            assertThat(scored.attribute("correctness").getAsDouble()).isCloseTo(3.0 / 16, within(1e-5));
            assertThat(scored.attribute("helpfulness").getAsDouble()).isCloseTo(8.0 / 16, within(1e-5));

            // a response that does not fit on its own drops the prompt and keeps the response's beginning
            SequenceModel.Input longResponse = s.encode("hello", "excellent " + "answer ".repeat(50) + "the");
            assertThat(longResponse.ids()).hasSize(16).startsWith(cls, sep, excellent, answer).endsWith(answer, sep)
                    .doesNotContain(hello, the);
            assertThat(longResponse.typeIds()).startsWith(0, 0, 1).endsWith(1, 1);
        }
    }

    @Test
    void should_cap_max_length_by_the_config_json() {
        ModelFiles f = files(TinySequenceModel.reward(1), 16);
        try (OnnxRewardScorer s = load(OnnxRewardScorer.Config.of("local", f.model(), f.tokenizer(), null)
                .withConfig(f.config()))) {
            assertThat(s.maxLength()).isEqualTo(16);
            assertThat(s.encode("hello ".repeat(40), "excellent answer").ids()).hasSize(16);
        }
    }

    @Test
    void should_refuse_attributes_that_do_not_match_the_model_outputs_at_load() {
        ModelFiles five = files(TinySequenceModel.reward(5), 512);
        assertThat(loadProblems(OnnxRewardScorer.Config.of("r", five.model(), five.tokenizer(), null)))
                .containsExactly(PATH + ".attributes: the model outputs 5 values per response, but attributes names 1 "
                        + "[reward]; name one attribute per output, in the model's order (HelpSteer2: " + HELPSTEER2 + ")");
        ModelFiles one = files(TinySequenceModel.reward(1), 512);
        assertThat(loadProblems(OnnxRewardScorer.Config.of("r", one.model(), one.tokenizer(), HELPSTEER2)))
                .containsExactly(PATH + ".attributes: the model outputs 1 value per response, but attributes names 5 "
                        + HELPSTEER2 + "; name one attribute per output, in the model's order");
    }

    @Test
    void should_refuse_bad_model_bytes_and_unreadable_files_at_load() throws Exception {
        ModelFiles f = files(TinySequenceModel.reward(1), 512);
        Files.write(f.model(), "garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(loadProblems(OnnxRewardScorer.Config.of("r", f.model(), f.tokenizer(), null))).singleElement()
                .asString().startsWith(PATH + ".model: " + f.model() + ": cannot load the ONNX model: ");
        Path missing = dir.resolve("missing");
        List<String> problems = loadProblems(OnnxRewardScorer.Config.of("r", missing.resolve("model.onnx"),
                missing.resolve("tokenizer.json"), null).withConfig(missing.resolve("config.json")));
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith(PATH + ".model: cannot read ");
        assertThat(problems.get(1)).startsWith(PATH + ".tokenizer: cannot read ");
        assertThat(problems.get(2)).startsWith(PATH + ".config: cannot read ");
    }

    @Test
    void should_score_with_a_model_that_takes_no_token_type_ids() {
        ModelFiles f = files(TinySequenceModel.injectionAndToxicity(false), 512);
        try (OnnxRewardScorer s = load(OnnxRewardScorer.Config.of("r", f.model(), f.tokenizer(),
                List.of("benign", "malicious", "toxic")))) {
            RewardScores r = score(s, "hello", "attack");
            assertThat(r.attributes().keySet()).containsExactly("benign", "malicious", "toxic");
            // [CLS] hello [SEP] attack [SEP]: attack-dimension 64/5, malicious = 2 * 64/5 - 2
            assertThat(r.attribute("malicious").getAsDouble()).isCloseTo(2 * 64.0 / 5 - 2, within(1e-4));
        }
    }

    @Test
    void should_keep_answers_apart_under_concurrency() {
        ModelFiles f = files(TinySequenceModel.reward(1), 512);
        try (OnnxRewardScorer s = load(new OnnxRewardScorer.Config("local", f.model(), f.tokenizer(), null, null,
                512, 2, 4, 256))) {
            List<CompletableFuture<RewardScores>> runs = new ArrayList<>();
            IntStream.range(0, 64).forEach(i -> runs.add(s.score(RewardInput.of("hello",
                    i % 2 == 0 ? "excellent answer" : "the answer " + "good ".repeat(i))).toCompletableFuture()));
            for (int i = 0; i < runs.size(); i++) {
                double reward = runs.get(i).join().attribute("reward").getAsDouble();
                if (i % 2 == 0) {
                    assertThat(reward).isCloseTo(8.0 / 6 - 1, within(1e-5));
                } else {
                    assertThat(reward).isCloseTo(-1, within(1e-5));
                }
            }
        }
    }

    @Test
    void should_answer_unscored_once_closed() {
        ModelFiles f = files(TinySequenceModel.reward(1), 512);
        OnnxRewardScorer s = load(OnnxRewardScorer.Config.of("local", f.model(), f.tokenizer(), null));
        s.close();
        s.close();
        assertThat(s.ready()).isFalse();
        RewardScores r = score(s, "hello", "excellent answer");
        assertThat(r.isScored()).isFalse();
        assertThat(r.error()).isEqualTo("scorer is closed");
    }

    @Test
    void should_report_failures_as_unscored_values() {
        ModelFiles f = TinySequenceModel.write(dir.resolve("broken"), TinySequenceModel.injectionAndToxicityMissingAttack(),
                TinySequenceModel.configJson(List.of("A", "B", "C"), null, 512));
        try (OnnxRewardScorer s = load(OnnxRewardScorer.Config.of("r", f.model(), f.tokenizer(), List.of("a", "b", "c")))) {
            RewardScores r = score(s, "hello", "attack");
            assertThat(r.isScored()).isFalse();
            assertThat(r.error()).isEqualTo("inference failed: IllegalStateException").doesNotContain("attack");
            assertThat(score(s, "hello", "the answer").isScored()).isTrue();
        }
    }

    @Test
    void should_parse_a_configuration_with_defaults() {
        OnnxRewardScorer.Config c = OnnxRewardScorer.Config.parse(yaml("type", "onnx", "model", "/m/model.onnx",
                "tokenizer", "/m/tokenizer.json"), PATH);
        assertThat(c.name()).isEqualTo(RewardConfig.DEFAULT_NAME);
        assertThat(c.model()).isEqualTo(Path.of("/m/model.onnx"));
        assertThat(c.config()).isNull();
        assertThat(c.attributes()).containsExactly("reward");
        assertThat(List.of(c.maxLength(), c.threads(), c.maxBatch(), c.queue())).containsExactly(
                OnnxRewardScorer.Config.DEFAULT_MAX_LENGTH, OnnxRewardScorer.Config.DEFAULT_THREADS,
                OnnxRewardScorer.Config.DEFAULT_MAX_BATCH, OnnxRewardScorer.Config.DEFAULT_QUEUE);

        OnnxRewardScorer.Config all = OnnxRewardScorer.Config.parse(yaml("name", "helpsteer", "model", "m.onnx",
                "tokenizer", "t.json", "config", "c.json", "attributes", HELPSTEER2, "max_length", 256, "threads", 1,
                "max_batch", 4, "queue", 32), PATH);
        assertThat(all.config()).isEqualTo(Path.of("c.json"));
        assertThat(all.attributes()).containsExactlyElementsOf(HELPSTEER2);
        assertThat(List.of(all.maxLength(), all.threads(), all.maxBatch(), all.queue())).containsExactly(256, 1, 4, 32);
    }

    @Test
    void should_report_every_configuration_problem_with_its_path() {
        assertThat(parseProblems(yaml("type", "nvidia", "name", "bad name", "tokenizer", 3, "attributes",
                List.of("reward", "reward"), "max_length", 4, "threads", 0, "max_batch", "x", "queue", 0, "labels", "y")))
                .containsExactlyInAnyOrder(
                        PATH + ".labels: unknown key; known keys are " + OnnxRewardScorer.Config.KEYS,
                        PATH + ".type: must be onnx, but was 'nvidia'",
                        PATH + ".model: is required: the path of the file",
                        PATH + ".tokenizer: must be a string, but was 3",
                        PATH + ".max_batch: must be an integer, but was x",
                        PATH + ".name: must be letters, digits, '.', '_' or '-', but was 'bad name'",
                        PATH + ".attributes: names must be unique, but 'reward' repeats",
                        PATH + ".max_length: must be at least 8, but was 4",
                        PATH + ".threads: must be at least 1, but was 0",
                        PATH + ".queue: must be at least 1, but was 0");
        assertThat(parseProblems(yaml("model", "m", "tokenizer", "t", "attributes", List.of())))
                .containsExactly(PATH + ".attributes: must name at least one attribute");
    }
}
