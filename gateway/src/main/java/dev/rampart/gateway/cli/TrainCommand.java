package dev.rampart.gateway.cli;

import dev.rampart.classifier.onnx.SentenceEncoder;
import dev.rampart.classifier.training.DataSets;
import dev.rampart.classifier.training.HeadTrainer;
import dev.rampart.classifier.training.LabeledText;
import dev.rampart.classifier.training.NetworkTrainer;
import dev.rampart.classifier.embedded.SafetyHead;
import dev.rampart.gateway.policy.PolicyRuntime;
import dev.rampart.policy.Category;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rampart train}: trains the embedded safety classifier's head from the shared data sets, the project's own
 * hard negatives and positives, and the policy's category examples, and writes it where the build bundles it.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the embedded safety head (reproducible: same data and seed, same head).")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--shared-data", description = "The shared data sets (default: ${DEFAULT-VALUE}).",
            defaultValue = "../shared/data")
    Path shared;

    @Option(names = "--no-shared-data", description = "Train on --data and the policy examples only.")
    boolean noSharedData;

    @Option(names = "--data", description = "A folder of JSON Lines files written for the project (default: ${DEFAULT-VALUE}).",
            defaultValue = "classifiers/training")
    Path data;

    @Option(names = "--policy", description = "Policy pack whose category examples join the training data (default: ${DEFAULT-VALUE}).",
            defaultValue = "builtin:default")
    String policy;

    @Option(names = "--out", description = "Where to write the head (default: ${DEFAULT-VALUE}).",
            defaultValue = "classifiers/src/main/resources/" + SafetyHead.RESOURCE)
    Path out;

    // Defaults are the shipped head's settings (NetworkTrainer.DEFAULTS); picocli shows a field's initial value.
    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = NetworkTrainer.DEFAULTS.seed();

    @Option(names = "--hidden", description = "Hidden units of the P(unsafe) network, 0 for logistic regression (default: ${DEFAULT-VALUE}).")
    int hidden = NetworkTrainer.DEFAULTS.hidden();

    @Option(names = "--epochs", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs = NetworkTrainer.DEFAULTS.epochs();

    @Option(names = "--rate", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double rate = NetworkTrainer.DEFAULTS.rate();

    @Option(names = "--decay", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double decay = NetworkTrainer.DEFAULTS.decay();

    @Option(names = "--holdout", description = "Fraction held out to report figures before the final fit (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.2")
    double holdout;

    @Override
    public Integer call() throws IOException {
        PolicyLoadResult loaded = PolicyRuntime.load(policy);
        if (!(loaded instanceof PolicyLoadResult.Loaded ok)) {
            System.err.println("rampart train: policy " + policy + " is invalid; run rampart policy validate");
            return 2;
        }
        try {
            return train(ok.policy());
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("rampart train: " + e.getMessage());
            return 2;
        }
    }

    private int train(Policy p) throws IOException {
        List<LabeledText> examples = new ArrayList<>();
        if (!noSharedData) {
            if (!Files.isDirectory(shared)) {
                System.err.println("rampart train: no shared data at " + shared + " (use --shared-data DIR or --no-shared-data)");
                return 2;
            }
            examples.addAll(DataSets.shared(shared));
        }
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                examples.addAll(DataSets.read(f, null, null));
            }
        }
        for (Category c : p.categories()) {
            for (String e : c.examples()) {
                examples.add(new LabeledText(e, true, c.id(), "policy-examples"));
            }
        }
        List<String> taxonomy = p.categories().stream().map(Category::id).toList();
        NetworkTrainer trainer = new NetworkTrainer(hidden, epochs, NetworkTrainer.DEFAULTS.batch(), rate, decay, seed);
        try (SentenceEncoder encoder = SentenceEncoder.miniLm(2)) {
            SafetyHead head = new HeadTrainer(encoder, trainer, holdout, System.out::println).train(examples, taxonomy);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, head.toJson(), StandardCharsets.UTF_8);
            System.out.println("wrote " + out + " (" + Files.size(out) / 1024 + " KiB)");
        }
        return 0;
    }
}
