package dev.rampart.gateway.server;

import dev.rampart.classifier.Classifier;
import dev.rampart.gateway.config.GatewayConfig;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rampart.gateway.pipeline.CallerIdentifier;
import dev.rampart.gateway.pipeline.TrustAdapters;
import dev.rampart.trust.TrustConfig;
import dev.rampart.trust.TrustService;
import dev.rampart.trust.identity.ApiKeyAuthenticator;
import dev.rampart.trust.model.TrustModel;
import dev.rampart.trust.identity.Authenticator;
import dev.rampart.trust.identity.JwtAuthenticator;
import dev.rampart.trust.store.EmbeddedTrustStore;
import dev.rampart.trust.store.RedisTrustStore;
import dev.rampart.trust.store.TrustStore;
import java.nio.file.Path;
import dev.rampart.gateway.pipeline.TrustLookup;
import dev.rampart.gateway.pipeline.RequestLimiter;
import dev.rampart.gateway.pipeline.TierRateLimiter;
import dev.rampart.trust.limits.ClassifierShares;
import dev.rampart.trust.limits.EmbeddedRateCounters;
import dev.rampart.trust.limits.LimitsConfig;
import dev.rampart.trust.limits.RateCounters;
import dev.rampart.trust.limits.RateLimits;
import dev.rampart.trust.limits.RedisRateCounters;
import dev.rampart.policy.Policy;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Builds the parts other modules provide (classifiers, identity, trust) from the gateway's configuration. */
public final class GatewayParts {
    private GatewayParts() {
    }

    public static Gateway.Parts create(Vertx vertx, GatewayConfig config) {
        Clock clock = Clock.systemUTC();
        TrustConfig trust = config.trust();
        RequestLimiter limiter = limiter(vertx, config, clock);
        if (!trust.credentialsRequired()) {
            // no credentials configured: everyone is anonymous at the strictest tier, no history is kept
            ClassifierRegistry classifiers = new ClassifierRegistry(config.classifiers());
            return new Gateway.Parts(classifiers, CallerIdentifier.ANONYMOUS,
                    TrustLookup.STRICTEST, clock, () -> {
                        limiter.close();
                        classifiers.close();
                    }, null, java.util.Map.of(), limiter);
        }
        JwtAuthenticator jwt = trust.issuers().isEmpty() ? null
                : JwtAuthenticator.start(vertx, trust.issuers(), clock).await();
        TrustStore store = trust.redisUri() != null
                ? RedisTrustStore.connect(vertx, trust.redisUri(),
                        trust.redisPasswordEnv() == null ? null : System.getenv(trust.redisPasswordEnv()), clock)
                : new EmbeddedTrustStore(Path.of(config.server().dataDir(), "trust.mv.db"), trust.commitDelayMs(), clock);
        TrustService service = new TrustService(store, new TrustModel(trust.model()), trust.authority(), clock,
                trust.nearCacheTtl(), Ticker.systemTicker(), trust.readTimeout(), trust.maxSubSubjects());
        ClassifierRegistry classifiers = new ClassifierRegistry(config.classifiers());
        return new Gateway.Parts(classifiers,
                TrustAdapters.identifier(new Authenticator(new ApiKeyAuthenticator(trust.apiKeys()), jwt)),
                TrustAdapters.lookup(vertx, service), clock, () -> {
                    service.close();
                    limiter.close();
                    classifiers.close();
                }, service,
                trust.apiKeys().stream().collect(java.util.stream.Collectors.toMap(
                        dev.rampart.trust.identity.ApiKey::subject, dev.rampart.trust.identity.ApiKey::authority,
                        (a, b) -> a)), limiter);
    }

    /**
     * The rate limiter of the {@code limits:} section: none when no limit is set; Redis counters shared by replicas
     * when {@code trust.redis} is set, else this process's own.
     */
    private static RequestLimiter limiter(Vertx vertx, GatewayConfig config, Clock clock) {
        LimitsConfig limits = config.limits();
        if (limits == null || !limits.any()) {
            return RequestLimiter.NONE;
        }
        RateCounters counters = config.trust().redisUri() != null
                ? RedisRateCounters.connect(vertx, config.trust().redisUri())
                : new EmbeddedRateCounters();
        ClassifierShares shares = limits.classifierShare() < 1.0
                ? ClassifierShares.of(config.classifiers().embeddedQueue(), limits.classifierShare()) : null;
        return new TierRateLimiter(vertx, new RateLimits(limits, counters, clock), shares);
    }

    /**
     * The classifiers for a policy, for command-line tools: as the gateway builds them, with the embedded model
     * loaded before the first use. The caller closes the set.
     */
    public static ClassifierRegistry classifiers(GatewayConfig.Classifiers config) {
        ClassifierRegistry set = new ClassifierRegistry(config);
        if (set.embedded() != null) {
            set.embedded().whenLoaded().toCompletableFuture().join();
        }
        return set;
    }
}
