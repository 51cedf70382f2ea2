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
        if (!trust.credentialsRequired()) {
            // no credentials configured: everyone is anonymous at the strictest tier, no history is kept
            ClassifierRegistry classifiers = new ClassifierRegistry(config.classifiers());
            return new Gateway.Parts(classifiers, CallerIdentifier.ANONYMOUS,
                    TrustLookup.STRICTEST, clock, classifiers::close, null, java.util.Map.of());
        }
        JwtAuthenticator jwt = trust.issuers().isEmpty() ? null
                : JwtAuthenticator.start(vertx, trust.issuers()).await();
        TrustStore store = trust.redisUri() != null
                ? RedisTrustStore.connect(vertx, trust.redisUri(),
                        trust.redisPasswordEnv() == null ? null : System.getenv(trust.redisPasswordEnv()), clock)
                : new EmbeddedTrustStore(Path.of(config.server().dataDir(), "trust.mv.db"), trust.commitDelayMs(), clock);
        TrustService service = new TrustService(store, new TrustModel(trust.model()), trust.authority(), clock,
                trust.nearCacheTtl(), Ticker.systemTicker());
        ClassifierRegistry classifiers = new ClassifierRegistry(config.classifiers());
        return new Gateway.Parts(classifiers,
                TrustAdapters.identifier(new Authenticator(new ApiKeyAuthenticator(trust.apiKeys()), jwt)),
                TrustAdapters.lookup(vertx, service, clock), clock, () -> {
                    service.close();
                    classifiers.close();
                }, service,
                trust.apiKeys().stream().collect(java.util.stream.Collectors.toMap(
                        dev.rampart.trust.identity.ApiKey::subject, dev.rampart.trust.identity.ApiKey::authority,
                        (a, b) -> a)));
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
