package dev.rampart.classifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.policy.Category;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Direction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingClassifierTest {
    private final ControlledClassifier delegate = new ControlledClassifier();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final CachingClassifier cache = new CachingClassifier(delegate, "model-v1", CachingClassifier.Settings.DEFAULTS,
            ticker);

    private CompletableFuture<ClassifierScores> call(Direction direction, String text) {
        return cache.classify(ClassificationInput.of(direction, text)).toCompletableFuture();
    }

    @Test
    void should_answer_the_same_text_from_the_cache_and_count_hits() {
        CompletableFuture<ClassifierScores> first = call(Direction.PROMPT, "hello");
        delegate.pending.get(0).complete(ControlledClassifier.ok(0.3));
        assertThat(first.join().scores()).containsEntry("S1", 0.3);
        assertThat(call(Direction.PROMPT, "hello").join().scores()).containsEntry("S1", 0.3);
        assertThat(delegate.pending).hasSize(1);
        assertThat(cache.stats().hitCount()).isEqualTo(1);
        assertThat(cache.stats().missCount()).isEqualTo(1);
        assertThat(cache.hitRatio()).isEqualTo(0.5);
    }

    @Test
    void should_keep_directions_texts_and_conversations_apart() {
        call(Direction.PROMPT, "hello");
        call(Direction.COMPLETION, "hello");
        call(Direction.PROMPT, "hello ");
        cache.classify(new ClassificationInput(Direction.PROMPT, "hello",
                List.of(new ClassificationInput.Turn("user", "hello"))));
        assertThat(delegate.pending).hasSize(4);
    }

    @Test
    void should_share_one_call_between_concurrent_requests_for_the_same_text() {
        CompletableFuture<ClassifierScores> a = call(Direction.PROMPT, "same");
        CompletableFuture<ClassifierScores> b = call(Direction.PROMPT, "same");
        assertThat(delegate.pending).hasSize(1);
        delegate.pending.get(0).complete(ControlledClassifier.ok(0.9));
        assertThat(a.join()).isEqualTo(b.join());
    }

    @Test
    void should_not_keep_errors_or_failures() {
        CompletableFuture<ClassifierScores> a = call(Direction.PROMPT, "x");
        delegate.pending.get(0).complete(ControlledClassifier.error());
        assertThat(a.join().status()).isEqualTo(ClassifierStatus.ERROR);
        CompletableFuture<ClassifierScores> b = call(Direction.PROMPT, "x");
        assertThat(delegate.pending).hasSize(2);
        delegate.pending.get(1).completeExceptionally(new IllegalStateException("down"));
        call(Direction.PROMPT, "x");
        assertThat(delegate.pending).hasSize(3);
        assertThat(b).isCompletedExceptionally();
    }

    @Test
    void should_expire_results_on_the_injected_ticker() {
        CachingClassifier shortLived = new CachingClassifier(delegate, "r", new CachingClassifier.Settings(100,
                Duration.ofMinutes(1)), ticker);
        shortLived.classify(ClassificationInput.of(Direction.PROMPT, "t"));
        delegate.pending.get(0).complete(ControlledClassifier.ok(0.1));
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        shortLived.classify(ClassificationInput.of(Direction.PROMPT, "t"));
        assertThat(delegate.pending).hasSize(1);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        shortLived.classify(ClassificationInput.of(Direction.PROMPT, "t"));
        assertThat(delegate.pending).hasSize(2);
    }

    @Test
    void should_stay_within_its_size_bound() {
        CachingClassifier small = new CachingClassifier(
                new PatternClassifier(List.of(new Category("S9", "W", "", List.of(),
                        List.of(new Category.Pattern(Category.Pattern.Kind.LITERAL, "bomb"))))),
                "policy-rev", new CachingClassifier.Settings(5, Duration.ofMinutes(5)), ticker);
        for (int i = 0; i < 50; i++) {
            assertThat(small.classify(ClassificationInput.of(Direction.PROMPT, "a bomb " + i)).toCompletableFuture().join()
                    .scores()).containsEntry("S9", 1.0);
        }
        small.cleanUp();
        assertThat(small.estimatedSize()).isLessThanOrEqualTo(5);
    }

    @Test
    void should_return_spans_of_the_exact_text_they_were_found_in() {
        CachingClassifier patterns = new CachingClassifier(
                new PatternClassifier(List.of(new Category("S9", "W", "", List.of(),
                        List.of(new Category.Pattern(Category.Pattern.Kind.LITERAL, "bomb"))))),
                "policy-rev", CachingClassifier.Settings.DEFAULTS, ticker);
        ClassifierScores plain = patterns.classify(ClassificationInput.of(Direction.PROMPT, "a bomb")).toCompletableFuture().join();
        ClassifierScores hidden = patterns.classify(ClassificationInput.of(Direction.PROMPT, "a\u200B bomb"))
                .toCompletableFuture().join();
        assertThat(plain.spans().get(0).start()).isEqualTo(2);
        assertThat(hidden.spans().get(0).start()).isEqualTo(3);
    }

    @Test
    void should_close_the_delegate_once() {
        cache.close();
        cache.close();
        assertThat(delegate.closes.get()).isEqualTo(1);
    }
}
