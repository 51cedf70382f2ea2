package dev.rampart.classifier.runtime;

import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import java.time.Duration;
import java.util.List;

/**
 * How one family of {@link dev.rampart.classifier.Scorer scorers} turns a failure into a result value, so that the
 * shared machinery ({@link ResilientScorer}, {@code onnx.LoadedModel}) never throws and never needs to know the result
 * type. Reasons are text-free: a cause, a limit, a status code — never the scored text.
 *
 * @param <R> the result type
 */
public interface Outcomes<R> {

    /** Why {@code result} is a failure (an {@code ERROR} or {@code UNSCORED} value), or null when it is a success. */
    String failure(R result);

    /** The value of a call that failed, was refused or timed out, naming the cause. */
    R failed(String reason);

    /** The value of a call made after the scorer was closed. */
    R closed();

    /** {@code result} with how long its call took (zero for a call refused at once); by default unchanged. */
    default R measured(R result, Duration took) {
        return result;
    }

    /**
     * A classifier's outcomes: {@link ClassifierScores#error} covering {@code covers} (so the policy's
     * {@code on_error} applies to them), {@code classifier is closed} when closed.
     *
     * @param name   the classifier's name
     * @param covers the categories error values carry
     */
    static Outcomes<ClassifierScores> classifier(String name, List<String> covers) {
        List<String> categories = List.copyOf(covers);
        return new Outcomes<>() {
            @Override
            public String failure(ClassifierScores result) {
                return result.status() == ClassifierStatus.ERROR ? String.valueOf(result.error()) : null;
            }

            @Override
            public ClassifierScores failed(String reason) {
                return ClassifierScores.error(name, categories, reason);
            }

            @Override
            public ClassifierScores closed() {
                return failed("classifier is closed");
            }
        };
    }
}
