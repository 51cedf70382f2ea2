package dev.rampart.classifier.reward;

import dev.rampart.classifier.onnx.testmodel.TinySequenceModel;
import dev.rampart.classifier.onnx.testmodel.TinySequenceModel.ModelFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OnnxRewardScorer} against the reward scorer contract, on the tiny five-output reward model written by the test
 * ({@link TinySequenceModel#reward}): helpfulness grows with the share of {@code excellent} tokens. The broken scorer's
 * embedding table lacks the last two vocabulary words ({@code excellent}, {@code attack}), so inference fails on a
 * response containing {@code excellent}, as it would with a tokenizer that does not match its model.
 */
class OnnxRewardScorerContractTest extends RewardScorerContract {
    @TempDir
    static Path dir;

    private static ModelFiles good;
    private static ModelFiles bad;

    @BeforeAll
    static void writeModels() {
        String config = TinySequenceModel.configJson(List.of("LABEL_0"), null, 512);
        good = TinySequenceModel.write(dir.resolve("good"), TinySequenceModel.reward(5), config);
        float[][] head = TinySequenceModel.head(5);
        head[TinySequenceModel.EXCELLENT][0] = 1;
        bad = TinySequenceModel.write(dir.resolve("broken"), TinySequenceModel.build(head, new float[5], true,
                TinySequenceModel.VOCAB.size() - 2), config);
    }

    @Override
    protected RewardScorer create() {
        return OnnxRewardScorer.load(OnnxRewardScorer.Config.of("helpsteer-local", good.model(), good.tokenizer(),
                attributes()));
    }

    @Override
    protected RewardScorer broken() {
        return OnnxRewardScorer.load(OnnxRewardScorer.Config.of("helpsteer-broken", bad.model(), bad.tokenizer(),
                attributes()));
    }

    @Override
    protected List<String> attributes() {
        return RewardConfig.HELPSTEER2_ATTRIBUTES;
    }
}
