package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.trust.limits.Admission;
import dev.rampart.trust.limits.ClassifierShares;
import dev.rampart.trust.limits.RateLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The trust module's {@link RateLimits} as the pipeline's {@link RequestLimiter}: limits at the caller's tier as
 * assessed (a client lowering its own tier does not lower its limits), a {@code 429 rate_limit_exceeded} with
 * {@code Retry-After} (seconds) and {@code x-ratelimit-*-requests} headers like OpenAI's ({@code x-ratelimit-*-tokens}
 * on a refusal for a spent token budget, per minute or per UTC day, with the reset of that budget's window), and
 * counters per scope,
 * kind and tier ({@code rampart.limits.rejected}, {@code rampart.limits.allowed}). Before the rate limits, two
 * guards of the shared classifier queue: a {@code /v1/moderations} request may carry at most its tier's
 * {@code moderation_inputs} (else {@code 400 invalid_value}, {@code param: input}), and a tenant's texts in
 * classification may hold at most its {@link ClassifierShares share} of this replica's queue (else {@code 429}).
 * What a request holds (concurrent slots, its share) is given back when its response is over, however it ends (the
 * response's body end or close, or the pipeline's {@link #finished}).
 */
public final class TierRateLimiter implements RequestLimiter {
    private static final Runnable NOTHING = () -> { };

    private final Vertx vertx;
    private final RateLimits limits;
    private final ClassifierShares shares;
    private volatile MeterRegistry registry;
    /** What each admitted request in flight gives back when it is over, by request id. */
    private final Map<String, Runnable> held = new ConcurrentHashMap<>();

    /** @param shares the tenants' shares of the classifier queue, or null for none */
    public TierRateLimiter(Vertx vertx, RateLimits limits, ClassifierShares shares) {
        this.vertx = vertx;
        this.limits = limits;
        this.shares = shares;
    }

    /** Registers the limiter's meters. */
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("rampart.limits.fallbacks", limits, RateLimits::fallbacks)
                .description("Rate-limit checks that used this replica's own counters because Redis failed")
                .register(registry);
    }

    @Override
    public Future<Admitted> admit(Admitted a) {
        int tier = a.trust().assessedTier();
        int texts = Math.max(1, a.request().prompt().slots().size());
        int maxInputs = limits.config().moderationInputs(tier);
        if (a.endpoint() == Endpoint.MODERATIONS && maxInputs > 0 && texts > maxInputs) {
            count("rampart.limits.rejected", "request", "moderation_inputs", tier);
            return Future.failedFuture(ApiFault.of(ApiError.INVALID_VALUE, "input", "'input' may contain at most "
                    + maxInputs + " items for this caller."));
        }
        Runnable share = NOTHING;
        if (shares != null) {
            String tenant = a.caller().tenant();
            if (!shares.tryAcquire(tenant, texts)) {
                count("rampart.limits.rejected", "tenant", "classifier_share", tier);
                a.call().response().putHeader("retry-after", "1");
                return Future.failedFuture(ApiFault.of(ApiError.RATE_LIMIT_EXCEEDED, "Too many texts of this tenant "
                        + "are being classified (at most " + shares.perTenant() + " at once). Try again in 1 s."));
            }
            share = once(() -> shares.release(tenant, texts));
        }
        Runnable giveShareBack = share;
        return rateLimited(a, tier).transform(ar -> {
            if (ar.failed()) {
                giveShareBack.run();
                return Future.failedFuture(ar.cause());
            }
            Runnable release = once(() -> {
                held.remove(a.id());
                ar.result().run();
                giveShareBack.run();
            });
            held.put(a.id(), release);
            HttpServerResponse response = a.call().response();
            response.bodyEndHandler(v -> release.run());
            response.closeHandler(v -> release.run());
            return Future.succeededFuture(a);
        });
    }

    /** The rate limits: what to run when the response is over, or a failed future with the 429. */
    private Future<Runnable> rateLimited(Admitted a, int tier) {
        return Future.fromCompletionStage(limits.admit(a.caller(), tier, a.id()), vertx.getOrCreateContext())
                .compose(admission -> {
                    HttpServerResponse response = a.call().response();
                    if (admission instanceof Admission.Limited limited) {
                        count("rampart.limits.rejected", limited.scope().wireName(), limited.kind(), tier);
                        if (!limited.kind().equals("concurrent")) {
                            quotaHeaders(response, limited.quota(), unit(limited.kind()));
                        }
                        // the fault carries Retry-After: the error writer sets it (a header put here would be replaced)
                        String retryAfterSeconds = Long.toString(Math.max(1, (limited.retryAfterMs() + 999) / 1000));
                        return Future.failedFuture(ApiFault.of(ApiError.RATE_LIMIT_EXCEEDED, "Rate limit reached for "
                                + limited.kind().replace('_', ' ') + " per " + limited.scope().wireName() + " (limit "
                                + limited.quota().limit() + "). Try again in " + limited.retryAfterMs() + " ms.")
                                .withRetryAfter(retryAfterSeconds));
                    }
                    Admission.Allowed allowed = (Admission.Allowed) admission;
                    count("rampart.limits.allowed", "all", "all", tier);
                    if (allowed.requests() != null) {
                        quotaHeaders(response, allowed.requests(), "requests");
                    }
                    return Future.succeededFuture(allowed.release());
                });
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** What a limit counts, as OpenAI's headers name it: both token budgets (minute, day) report as {@code tokens}. */
    private static String unit(String kind) {
        return kind.startsWith("tokens") ? "tokens" : kind;
    }

    /** OpenAI's headers: {@code x-ratelimit-limit-requests} / {@code -tokens}, {@code remaining-…}, {@code reset-…}. */
    private static void quotaHeaders(HttpServerResponse response, Admission.Quota quota, String kind) {
        response.putHeader("x-ratelimit-limit-" + kind, Integer.toString(quota.limit()));
        response.putHeader("x-ratelimit-remaining-" + kind, Long.toString(quota.remaining()));
        response.putHeader("x-ratelimit-reset-" + kind, quota.resetMs() + "ms");
    }

    /**
     * Gives back what the request holds once the pipeline is done with it: a stream's relay replaces the response's
     * close handler, so a client that leaves a stream is noticed here (else its slots and classifier share were held
     * until reclaimed as stale, the share never).
     */
    @Override
    public void finished(Admitted a) {
        Runnable release = held.get(a.id());
        if (release != null) {
            release.run();
        }
    }

    @Override
    public boolean chargesTokens() {
        return limits.config().chargesTokens();
    }

    @Override
    public void settle(Admitted a, long totalTokens) {
        limits.debit(a.caller(), a.trust().assessedTier(), totalTokens);
    }

    private void count(String name, String scope, String kind, int tier) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder(name).tag("scope", scope).tag("kind", kind.toLowerCase(Locale.ROOT))
                    .tag("tier", Integer.toString(tier)).register(r).increment();
        }
    }

    @Override
    public void close() {
        limits.close();
    }
}
