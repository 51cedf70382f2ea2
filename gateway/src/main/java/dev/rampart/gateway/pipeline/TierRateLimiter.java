package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.trust.limits.Admission;
import dev.rampart.trust.limits.RateLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;

/**
 * The trust module's {@link RateLimits} as the pipeline's {@link RequestLimiter}: limits at the caller's tier as
 * assessed (a client lowering its own tier does not lower its limits), a {@code 429 rate_limit_exceeded} with
 * {@code Retry-After} (seconds) and {@code x-ratelimit-*-requests} headers like OpenAI's, and counters per scope,
 * kind and tier ({@code rampart.limits.rejected}, {@code rampart.limits.allowed}).
 */
public final class TierRateLimiter implements RequestLimiter {
    private final Vertx vertx;
    private final RateLimits limits;
    private volatile MeterRegistry registry;

    public TierRateLimiter(Vertx vertx, RateLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
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
        return Future.fromCompletionStage(limits.admit(a.caller(), tier, a.id()), vertx.getOrCreateContext())
                .compose(admission -> {
                    HttpServerResponse response = a.call().response();
                    if (admission instanceof Admission.Limited limited) {
                        count("rampart.limits.rejected", limited.scope().wireName(), limited.kind(), tier);
                        quotaHeaders(response, limited.quota());
                        response.putHeader("retry-after", Long.toString(Math.max(1, (limited.retryAfterMs() + 999) / 1000)));
                        return Future.failedFuture(ApiFault.of(ApiError.RATE_LIMIT_EXCEEDED, "Rate limit reached for "
                                + limited.kind() + " per " + limited.scope().wireName() + " (limit "
                                + limited.quota().limit() + "). Try again in " + limited.retryAfterMs() + " ms."));
                    }
                    Admission.Allowed allowed = (Admission.Allowed) admission;
                    count("rampart.limits.allowed", "all", "all", tier);
                    if (allowed.requests() != null) {
                        quotaHeaders(response, allowed.requests());
                    }
                    response.bodyEndHandler(v -> allowed.release().run());
                    response.closeHandler(v -> allowed.release().run());
                    return Future.succeededFuture(a);
                });
    }

    private static void quotaHeaders(HttpServerResponse response, Admission.Quota quota) {
        response.putHeader("x-ratelimit-limit-requests", Integer.toString(quota.limit()));
        response.putHeader("x-ratelimit-remaining-requests", Long.toString(quota.remaining()));
        response.putHeader("x-ratelimit-reset-requests", quota.resetMs() + "ms");
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
