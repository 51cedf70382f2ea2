package dev.rampart.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.embedded.EmbeddedModel;
import dev.rampart.classifier.embedded.SafetyHead;
import dev.rampart.classifier.onnx.ModelFiles;
import dev.rampart.policy.Category;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Direction;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped head is the one the model card describes: its SHA-256 is the card's, and on the development sets
 * ({@code classifiers/eval}) it still scores the card's figures (the embedded classifier alone, score = the highest
 * category score; floors a little under the measured values so that only a real regression fails).
 */
class ShippedHeadTest {
    private static final List<Category> TAXONOMY =
            ((PolicyLoadResult.Loaded) PolicyLoader.loadDefault()).policy().categories();
    private static EmbeddedModel model;

    @BeforeAll
    static void load() {
        model = EmbeddedModel.start(EmbeddedModel.Settings.DEFAULTS, n -> { });
        model.whenLoaded().toCompletableFuture().join();
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    @Test
    void should_ship_the_head_whose_sha256_the_model_card_names() throws Exception {
        byte[] head;
        try (InputStream in = SafetyHead.class.getClassLoader().getResourceAsStream(SafetyHead.RESOURCE)) {
            assertThat(in).isNotNull();
            head = in.readAllBytes();
        }
        Matcher card = Pattern.compile("SHA-256 `([0-9a-f]{64})`")
                .matcher(Files.readString(Path.of("MODEL_CARD.md"), StandardCharsets.UTF_8));
        assertThat(card.find()).as("MODEL_CARD.md names the head's SHA-256 as SHA-256 `<hex>`").isTrue();
        assertThat(ModelFiles.sha256(head)).isEqualTo(card.group(1));
    }

    @Test
    void should_hold_its_figures_on_the_style_shifted_development_set() throws Exception {
        BinaryMetrics m = measure("eval/style-shift/style-shift.jsonl");
        assertThat(m.auprc()).isGreaterThanOrEqualTo(STYLE_SHIFT_AUPRC);
        assertThat(m.recall()).isGreaterThanOrEqualTo(STYLE_SHIFT_RECALL);
        assertThat(m.falsePositiveRate()).isLessThanOrEqualTo(STYLE_SHIFT_FPR);
    }

    @Test
    void should_hold_its_figures_on_the_first_development_sets() throws Exception {
        BinaryMetrics contrast = measure("eval/clearly-harmful.jsonl", "eval/safe-but-scary.jsonl");
        assertThat(contrast.recall()).isGreaterThanOrEqualTo(DEV_RECALL);
        assertThat(contrast.falsePositiveRate()).isLessThanOrEqualTo(DEV_FPR);
        assertThat(measure("eval/moderation-mix.jsonl").auprc()).isGreaterThanOrEqualTo(MODERATION_AUPRC);
    }

    // Measured for the shipped head (MODEL_CARD.md, head alone, threshold 0.5): style shift AUPRC 0.976, recall
    // 0.941, false positives 0.153; first development sets recall 0.935, false positives 0.170, moderation AUPRC
    // 0.945. The floors leave room for the run-to-run
    // movement of dynamic int8 quantisation (scores depend a little on which texts share a batch).
    private static final double STYLE_SHIFT_AUPRC = 0.96;
    private static final double STYLE_SHIFT_RECALL = 0.90;
    private static final double STYLE_SHIFT_FPR = 0.18;
    private static final double DEV_RECALL = 0.90;
    private static final double DEV_FPR = 0.19;
    private static final double MODERATION_AUPRC = 0.93;

    /** The embedded classifier alone over the files: score = highest category score, flagged at 0.5. */
    private static BinaryMetrics measure(String... files) throws Exception {
        List<LabeledText> texts = new ArrayList<>();
        for (String f : files) {
            texts.addAll(DataSets.read(Path.of(f), null, null));
        }
        Classifier c = model.classifierFor(TAXONOMY);
        List<CompletableFuture<ClassifierScores>> pending = new ArrayList<>();
        for (LabeledText t : texts) {
            pending.add(c.classify(ClassificationInput.of(Direction.PROMPT, t.text())).toCompletableFuture());
        }
        double[] scores = new double[texts.size()];
        boolean[] labels = new boolean[texts.size()];
        boolean[] flagged = new boolean[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            scores[i] = pending.get(i).join().scores().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            labels[i] = texts.get(i).unsafe();
            flagged[i] = scores[i] >= 0.5;
        }
        return BinaryMetrics.of(scores, labels, flagged);
    }
}
