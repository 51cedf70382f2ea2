package dev.rampart.gateway.server;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.cascade.CascadeClassifier;
import dev.rampart.classifier.normalize.ReadLimit;
import dev.rampart.classifier.embedded.EmbeddedModel;
import dev.rampart.classifier.llamaguard.LlamaGuardConfig;
import dev.rampart.classifier.llamaguard.RemoteLlamaGuardClassifier;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.classifier.remote.RemoteGuard;
import dev.rampart.classifier.remote.RemoteGuardConfig;
import dev.rampart.classifier.runtime.CachingClassifier;
import dev.rampart.classifier.reward.RemoteRewardScorer;
import dev.rampart.classifier.reward.RewardScorer;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.policy.Policy;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The classifiers the gateway runs, built anew for each policy revision from long-lived parts: the embedded model
 * (loaded once, in the background — {@code /readyz} says not ready until it is), remote Llama Guard servers, generic remote guards ({@code openai_moderation}, {@code http}), and one
 * result cache per classifier whose hit and miss counts survive policy reloads. With {@code classifiers.cascade} the
 * embedded model and the named remote classifier run as one {@link CascadeClassifier}. Exposes batch sizes, cache hits
 * and misses, breaker states and the cascade's routes as meters.
 */
public final class ClassifierRegistry implements MeterBinder, AutoCloseable {
    private final GatewayConfig.Classifiers config;
    private final EmbeddedModel embedded;
    private final Map<String, ConcurrentStatsCounter> cacheStats = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<RemoteLlamaGuardClassifier>> remotes = new ConcurrentHashMap<>();
    /** The latest generic remote guard of each name (openai_moderation, http). */
    private final Map<String, AtomicReference<RemoteGuard>> guards = new ConcurrentHashMap<>();
    private final AtomicReference<DistributionSummary> batchSizes = new AtomicReference<>();
    private final Map<String, RewardScorer> rewardScorers = new java.util.LinkedHashMap<>();
    private final List<dev.rampart.classifier.onnx.OnnxSequenceClassifier> models = new ArrayList<>();
    /** The cascade's route counts, kept across policy revisions (each builds its own cascade). */
    private final CascadeClassifier.Routes cascadeRoutes = new CascadeClassifier.Routes();

    public ClassifierRegistry(GatewayConfig.Classifiers config) {
        this.config = config;
        this.embedded = config.embedded()
                ? EmbeddedModel.start(new EmbeddedModel.Settings(config.embeddedWorkers(), config.embeddedThreads(), config.embeddedMaxBatch(),
                        config.embeddedQueue(), new ReadLimit(config.maxClassifiedChars())), this::recordBatch)
                : null;
        config.remote().forEach(r -> remotes.put(r.name(), new AtomicReference<>()));
        config.guards().forEach(r -> guards.put(r.name(), new AtomicReference<>()));
        config.reward().forEach(r -> rewardScorers.put(r.name(), new RemoteRewardScorer(r)));
        for (int i = 0; i < config.onnxReward().size(); i++) {
            var r = config.onnxReward().get(i);
            rewardScorers.put(r.name(), RewardScorer.resilient(
                    dev.rampart.classifier.reward.OnnxRewardScorer.load(r, "classifiers.reward[" + i + "]", n -> { }),
                    RewardScorer.DEFAULT_RESILIENCE, java.time.Clock.systemUTC()));
        }
        for (int i = 0; i < config.models().size(); i++) {
            models.add(dev.rampart.classifier.onnx.OnnxSequenceClassifier.load(config.models().get(i),
                    "classifiers.models[" + i + "]", n -> { }));
        }
    }

    /** The configured reward scorer of this name, or null. */
    public RewardScorer rewardScorer(String name) {
        return rewardScorers.get(name);
    }

    private void recordBatch(int size) {
        DistributionSummary summary = batchSizes.get();
        if (summary != null) {
            summary.record(size);
        }
    }

    /** The embedded model, or null when it is turned off. */
    public EmbeddedModel embedded() {
        return embedded;
    }

    /** The classifiers for a policy pack's taxonomy, built anew for each policy revision (caches survive). */
    public List<Classifier> classifiersFor(Policy policy) {
        policy.reward().ifPresent(r -> {
            if (!rewardScorers.containsKey(r.scorer())) {
                throw new IllegalArgumentException("the policy's reward.scorer '" + r.scorer()
                        + "' is not configured under classifiers.reward (configured: " + rewardScorers.keySet() + ")");
            }
        });
        List<Classifier> out = new ArrayList<>();
        if (config.patterns()) {
            out.add(new PatternClassifier(policy.categories(), new ReadLimit(config.maxClassifiedChars())));
        }
        Map<String, List<String>> covers = new java.util.HashMap<>();
        if (embedded != null) {
            out.add(cached(embedded.classifierFor(policy.categories()),
                    embedded.revision() + "|" + policy.revision()));
            covers.put(GatewayConfig.Cascade.EMBEDDED, embedded.covers(policy.categories()));
        }
        for (int i = 0; i < models.size(); i++) {
            var model = models.get(i).forPolicy(policy.categories(), "classifiers.models[" + i + "]");
            out.add(cached(model, model.revision()));
        }
        for (LlamaGuardConfig remote : config.remote()) {
            RemoteLlamaGuardClassifier guard = new RemoteLlamaGuardClassifier(remote, policy.categories());
            remotes.get(remote.name()).set(guard);
            out.add(cached(guard, guard.revision()));
            covers.put(remote.name(), guard.covers());
        }
        for (RemoteGuardConfig remote : config.guards()) {
            RemoteGuard guard = remote.classifierFor(policy.categories());
            guards.get(remote.name()).set(guard);
            out.add(cached(guard, guard.revision()));
            covers.put(remote.name(), guard.covers());
        }
        config.cascade().ifPresent(c -> cascade(out, c, covers));
        return out;
    }

    /**
     * Replaces the cascade's two stages (each still behind its cache and, for remote ones, its resilience) by one
     * {@link CascadeClassifier} at the first stage's place: the second stage runs only inside the cascade.
     */
    private void cascade(List<Classifier> out, GatewayConfig.Cascade c, Map<String, List<String>> covers) {
        int at = indexOf(out, c.first());
        Classifier first = out.get(at);
        Classifier second = out.get(indexOf(out, c.second()));
        java.util.Set<String> both = new java.util.LinkedHashSet<>(covers.getOrDefault(c.first(), List.of()));
        both.addAll(covers.getOrDefault(c.second(), List.of()));
        out.set(at, new CascadeClassifier(first, second, List.copyOf(both), c.settings(), cascadeRoutes));
        out.remove(second);
    }

    private static int indexOf(List<Classifier> classifiers, String name) {
        for (int i = 0; i < classifiers.size(); i++) {
            if (classifiers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("classifiers.cascade names '" + name + "', which is not configured");
    }

    private Classifier cached(Classifier classifier, String revision) {
        if (config.cacheEntries() == 0) {
            return classifier;
        }
        ConcurrentStatsCounter stats = cacheStats.computeIfAbsent(classifier.name(), n -> new ConcurrentStatsCounter());
        return new CachingClassifier(classifier, revision,
                new CachingClassifier.Settings(config.cacheEntries(), Duration.ofMillis(config.cacheTtlMs())),
                Ticker.systemTicker(), () -> stats);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        batchSizes.set(DistributionSummary.builder("rampart.classifier.batch.size")
                .description("Texts per inference batch of the embedded model")
                .tag("classifier", "embedded")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue((double) config.embeddedMaxBatch())
                .register(registry));
        List<String> names = new ArrayList<>();
        if (config.cacheEntries() > 0) {
            if (embedded != null) {
                names.add("embedded");
            }
            config.remote().forEach(r -> names.add(r.name()));
            config.guards().forEach(r -> names.add(r.name()));
            config.models().forEach(m -> names.add(m.name()));
        }
        for (String name : names) {
            ConcurrentStatsCounter stats = cacheStats.computeIfAbsent(name, n -> new ConcurrentStatsCounter());
            FunctionCounter.builder("rampart.classifier.cache.requests", stats, s -> s.snapshot().hitCount())
                    .description("Classifier result cache lookups").tag("classifier", name).tag("result", "hit")
                    .register(registry);
            FunctionCounter.builder("rampart.classifier.cache.requests", stats, s -> s.snapshot().missCount())
                    .description("Classifier result cache lookups").tag("classifier", name).tag("result", "miss")
                    .register(registry);
            dev.rampart.gateway.metrics.CacheMeters.bind(registry, "classifier." + name, stats::snapshot);
        }
        remotes.forEach((name, ref) -> Gauge.builder("rampart.classifier.circuit.open", ref,
                        r -> r.get() != null && r.get().circuitState() == io.github.resilience4j.circuitbreaker
                                .CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while the remote classifier's circuit breaker is open")
                .tag("classifier", name).register(registry));
        guards.forEach((name, ref) -> Gauge.builder("rampart.classifier.circuit.open", ref,
                        r -> r.get() != null && r.get().circuitState() == io.github.resilience4j.circuitbreaker
                                .CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while the remote classifier's circuit breaker is open")
                .tag("classifier", name).register(registry));
        config.cascade().ifPresent(c -> {
            FunctionCounter.builder("rampart.cascade.texts", cascadeRoutes, r -> {
                        CascadeClassifier.Stats s = r.stats();
                        return s.passed() + s.decided();
                    })
                    .description("Texts the cascade classified: by its first stage alone, or escalated to its second")
                    .tag("cascade", c.settings().name()).tag("stage", "first_only").register(registry);
            FunctionCounter.builder("rampart.cascade.texts", cascadeRoutes, r -> r.stats().escalated())
                    .description("Texts the cascade classified: by its first stage alone, or escalated to its second")
                    .tag("cascade", c.settings().name()).tag("stage", "second").register(registry);
        });
        if (embedded != null) {
            Gauge.builder("rampart.classifier.model.loaded", embedded, m -> m.ready() ? 1 : 0)
                    .description("1 once the embedded model is loaded").tag("classifier", "embedded")
                    .register(registry);
        }
    }

    @Override
    public void close() {
        rewardScorers.values().forEach(RewardScorer::close);
        models.forEach(dev.rampart.classifier.onnx.OnnxSequenceClassifier::close);
        if (embedded != null) {
            embedded.close();
        }
    }
}
