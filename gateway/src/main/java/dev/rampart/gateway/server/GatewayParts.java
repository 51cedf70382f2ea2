package dev.rampart.gateway.server;

import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.pipeline.CallerIdentifier;
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
        return new Gateway.Parts(classifiers(config.classifiers()), CallerIdentifier.ANONYMOUS, TrustLookup.STRICTEST,
                Clock.systemUTC());
    }

    /** The classifiers for a policy: its patterns and PII detectors, plus the configured models. */
    public static Function<Policy, List<Classifier>> classifiers(GatewayConfig.Classifiers config) {
        return policy -> {
            List<Classifier> out = new ArrayList<>();
            if (config.patterns()) {
                out.add(new PatternClassifier(policy.categories()));
            }
            return out;
        };
    }
}
