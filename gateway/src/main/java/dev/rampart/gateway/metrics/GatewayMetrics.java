package dev.rampart.gateway.metrics;

import dev.rampart.gateway.upstream.UpstreamEndpoint;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's meters. Names are lower-case and dotted; tags are bounded (route, status, upstream, direction,
 * action, category, tier, classifier) — never a user id, key or text.
 */
public final class GatewayMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final OperatorMeters operator;
    private final TokenMeters tokens;
    /** Registries the upstreams' breakers, bulkheads and retries join, for Resilience4j's own resilience4j_* meters. */
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private final AtomicReference<String> policyRevision = new AtomicReference<>("none");
    /** Meters by their tag values: building a meter id on every request costs more than the measurement. */
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The lowest histogram bucket of the latency timers: a guarded request takes well under a millisecond, so the
     * buckets start at 50 µs. Timers publish fixed-bucket histograms only (Prometheus' {@code histogram_quantile},
     * the dashboard's {@code LatencyWindow}): no client-side percentile sketch is updated per request.
     */
    static final Duration FASTEST = Duration.ofNanos(50_000);

    public GatewayMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.operator = new OperatorMeters(registry);
        this.tokens = new TokenMeters(registry);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
    }

    /** Token usage by model and tier. */
    public TokenMeters tokens() {
        return tokens;
    }

    /** Releases the JVM binders' listeners (GC notifications). */
    @Override
    public void close() {
        operator.close();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    public void request(String route, int status, String upstream, long nanos) {
        timers.computeIfAbsent("request|" + route + "|" + status + "|" + upstream, k -> Timer.builder("rampart.request.duration")
                .description("Whole request, from first byte in to last byte out")
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .tag("upstream", upstream == null ? "none" : upstream)
                .publishPercentileHistogram()
                .minimumExpectedValue(FASTEST)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25))
                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void upstreamLatency(String upstream, int status, long nanos) {
        timers.computeIfAbsent("upstream|" + upstream + "|" + status, k -> Timer.builder("rampart.upstream.duration")
                .description("Time from sending the upstream request to its response headers")
                .tag("upstream", upstream)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(FASTEST)
                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void timeToFirstToken(String upstream, long nanos) {
        Timer.builder("rampart.stream.ttft")
                .description("Time from request start to the first streamed byte sent to the client")
                .tag("upstream", upstream)
                .publishPercentileHistogram()
                .minimumExpectedValue(FASTEST)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void decision(Decision decision, int tier) {
        String direction = decision.direction().wireName();
        String action = decision.action().wireName();
        String tierTag = Integer.toString(tier);
        counters.computeIfAbsent("decision|" + direction + "|" + action + "|" + tierTag + "|" + decision.contested(),
                k -> Counter.builder("rampart.decisions")
                        .description("Guard decisions")
                        .tag("direction", direction)
                        .tag("action", action)
                        .tag("tier", tierTag)
                        .tag("contested", Boolean.toString(decision.contested()))
                        .register(registry))
                .increment();
        for (dev.rampart.policy.CategoryFinding f : decision.findings()) {
            if (f.classifierError()) {
                // a classifier failed for this category: the rule's on_error either blocked (fail closed) or let it pass
                counters.computeIfAbsent("onerror|" + direction + "|" + f.category() + "|" + f.fired(),
                        k -> Counter.builder(f.fired() ? "rampart.classifier.fail_closed" : "rampart.classifier.fail_open")
                                .description(f.fired() ? "Categories blocked because their classifier failed"
                                        : "Categories passed although their classifier failed")
                                .tag("direction", direction)
                                .tag("category", f.category())
                                .register(registry))
                        .increment();
            }
        }
        for (String category : decision.firedCategories()) {
            Counter.builder("rampart.decisions.category")
                    .description("Categories that fired, by the action of the decision")
                    .tag("direction", direction)
                    .tag("action", action)
                    .tag("category", category)
                    .tag("tier", tierTag)
                    .register(registry)
                    .increment();
        }
    }

    public void classifierRun(String classifier, Direction direction, ClassifierStatus status, long nanos) {
        timers.computeIfAbsent("classifier|" + classifier + "|" + direction + "|" + status,
                k -> Timer.builder("rampart.classifier.duration")
                        .tag("classifier", classifier)
                        .tag("direction", direction.wireName())
                        .tag("status", status.name().toLowerCase())
                        .publishPercentileHistogram()
                        .minimumExpectedValue(FASTEST)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (status == ClassifierStatus.ERROR) {
            Counter.builder("rampart.classifier.errors")
                    .tag("classifier", classifier)
                    .tag("direction", direction.wireName())
                    .tag("reason", "error")
                    .register(registry)
                    .increment();
        }
    }

    /** Creates the fail-open and fail-closed counters of a policy's rules at zero, so alerts see the series. */
    public void registerRules(dev.rampart.policy.Policy policy) {
        for (Direction direction : Direction.values()) {
            for (String category : policy.categoriesFor(direction)) {
                for (boolean fired : new boolean[] {true, false}) {
                    counters.computeIfAbsent("onerror|" + direction.wireName() + "|" + category + "|" + fired,
                            k -> Counter.builder(fired ? "rampart.classifier.fail_closed" : "rampart.classifier.fail_open")
                                    .description(fired ? "Categories blocked because their classifier failed"
                                            : "Categories passed although their classifier failed")
                                    .tag("direction", direction.wireName())
                                    .tag("category", category)
                                    .register(registry));
                }
            }
        }
    }

    /** Creates a classifier's error counters at zero, so dashboards and alerts see the series before any error. */
    public void registerClassifier(String classifier) {
        for (Direction direction : Direction.values()) {
            for (String reason : new String[] {"error", "timeout"}) {
                Counter.builder("rampart.classifier.errors")
                        .tag("classifier", classifier)
                        .tag("direction", direction.wireName())
                        .tag("reason", reason)
                        .register(registry);
            }
        }
    }

    public void classifierTimeout(String classifier, Direction direction) {
        Counter.builder("rampart.classifier.errors")
                .tag("classifier", classifier)
                .tag("direction", direction.wireName())
                .tag("reason", "timeout")
                .register(registry)
                .increment();
    }

    private volatile java.util.function.BiConsumer<Boolean, String> reloadListener = (a, r) -> { };

    /** Told of every policy reload (accepted or not, and the revision in force after it). */
    public void onPolicyReload(java.util.function.BiConsumer<Boolean, String> listener) {
        this.reloadListener = listener;
    }

    public String activeRevision() {
        return policyRevision.get();
    }

    /** One reward score of a response (attribute names come from the scorer's configuration: bounded). */
    public void rewardScore(String scorer, String attribute, double value) {
        io.micrometer.core.instrument.DistributionSummary.builder("rampart.reward.score")
                .description("Reward-model scores of responses")
                .tag("scorer", scorer).tag("attribute", attribute)
                .serviceLevelObjectives(0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)
                .register(registry).record(value);
    }

    /** A response's reward outcome: scored, unscored (the scorer failed), sampled_out, background. */
    public void rewardOutcome(String scorer, String outcome) {
        counters.computeIfAbsent("reward|" + scorer + "|" + outcome, k -> Counter.builder("rampart.reward.responses")
                .description("Responses by reward-scoring outcome").tag("scorer", scorer).tag("outcome", outcome)
                .register(registry)).increment();
    }

    /** A reward rule or check fired: the attribute below threshold, or over_refusal, or regenerated. */
    public void rewardAction(String scorer, String action, String attribute) {
        counters.computeIfAbsent("rewardaction|" + scorer + "|" + action + "|" + attribute, k -> Counter.builder(
                        "rampart.reward.actions")
                .description("Reward policy actions: flag, regenerate, over_refusal")
                .tag("scorer", scorer).tag("action", action).tag("attribute", attribute)
                .register(registry)).increment();
    }

    public void policyReload(boolean accepted, String revision) {
        if (accepted) {
            policyRevision(revision);   // before the count: a scrape that sees the reload sees its revision
        }
        Counter.builder("rampart.policy.reloads")
                .tag("result", accepted ? "ok" : "rejected")
                .register(registry)
                .increment();
        reloadListener.accept(accepted, policyRevision.get());
    }

    /**
     * The revision in force: the new one's gauge is registered before the old one's is removed, so a scrape never
     * finds no active revision (it may find both for an instant).
     */
    public void policyRevision(String revision) {
        Gauge.builder("rampart.policy.active", () -> 1)
                .description("1 for the active policy revision")
                .tag("revision", revision)
                .register(registry);
        String previous = policyRevision.getAndSet(revision);
        if (previous != null && !previous.equals(revision)) {
            registry.find("rampart.policy.active").tag("revision", previous).meters().forEach(registry::remove);
        }
    }

    public void bindUpstream(UpstreamEndpoint endpoint) {
        CircuitBreaker breaker = endpoint.breaker();
        // the registries hand out their own instances: create one under the name, then put the endpoint's in its place
        breakers.circuitBreaker(breaker.getName());
        breakers.replace(breaker.getName(), breaker);
        bulkheads.bulkhead(endpoint.bulkhead().getName());
        bulkheads.replace(endpoint.bulkhead().getName(), endpoint.bulkhead());
        retries.retry(endpoint.retry().getName());
        retries.replace(endpoint.retry().getName(), endpoint.retry());
        Gauge.builder("rampart.upstream.breaker.state", breaker, b -> stateValue(b.getState()))
                .description("0 closed, 1 open, 2 half-open, 3 other")
                .tag("upstream", endpoint.name())
                .register(registry);
        Gauge.builder("rampart.upstream.bulkhead.available", endpoint.bulkhead(),
                        b -> b.getMetrics().getAvailableConcurrentCalls())
                .tag("upstream", endpoint.name())
                .register(registry);
        endpoint.bulkhead().getEventPublisher().onCallRejected(e -> Counter.builder("rampart.upstream.bulkhead.rejected")
                .tag("upstream", endpoint.name()).register(registry).increment());
        endpoint.retry().getEventPublisher().onRetry(e -> Counter.builder("rampart.upstream.retries")
                .tag("upstream", endpoint.name()).register(registry).increment());
    }

    private static int stateValue(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
