package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.ParsedRequest;
import dev.rampart.gateway.openai.RequestValidator;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Real parts for stage tests: a policy loaded from YAML text, the pattern classifier built for it, validated requests,
 * and a bounded wait for Vert.x futures (never a sleep).
 */
final class StageFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Three categories the pattern classifier decides deterministically: {@code S1} blocks ("build a bomb", fails
     * closed), {@code S2} flags ("launder money", fails open), {@code pii} redacts e-mail addresses.
     */
    static final String POLICY = """
            name: stages
            settings:
              refusal_message: refused by policy
              redaction_text: "[REDACTED:{category}]"
            categories:
              - id: S1
                name: Violent Crimes
                patterns: [ { literal: build a bomb } ]
              - id: S2
                name: Non-Violent Crimes
                patterns: [ { literal: launder money } ]
              - id: pii
                name: Personal Data
                patterns: [ { builtin: "pii:email" } ]
            rules:
              - { category: S1, action: block, thresholds: 0.5, message: no weapons here }
              - { category: S2, action: flag, thresholds: 0.5, on_error: allow }
              - { category: pii, action: redact, thresholds: 0.5 }
            """;

    private StageFixtures() {
    }

    /** A policy parsed from YAML text; fails the test with every problem when it is invalid. */
    static Policy policy(String yaml) {
        PolicyLoadResult result = PolicyLoader.parse("stages.yaml", yaml);
        if (result instanceof PolicyLoadResult.Invalid invalid) {
            throw new IllegalArgumentException("test policy invalid: " + invalid.problems());
        }
        return ((PolicyLoadResult.Loaded) result).policy();
    }

    /** The policy guarded by its pattern classifier, then any further classifiers. */
    static GuardState guard(Policy policy, Classifier... more) {
        List<Classifier> classifiers = new ArrayList<>();
        classifiers.add(new PatternClassifier(policy.categories()));
        classifiers.addAll(List.of(more));
        return new GuardState(policy, classifiers);
    }

    static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedRequest parsed(Endpoint endpoint, String json) {
        return RequestValidator.validate(endpoint, object(json));
    }

    static String chat(String content) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + quoted(content) + "}]}";
    }

    /** The text as a JSON string literal. */
    static String quoted(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    /** A chat completion reply with one choice per content. */
    static String reply(String... contents) {
        StringBuilder choices = new StringBuilder();
        for (int i = 0; i < contents.length; i++) {
            choices.append(i == 0 ? "" : ",").append("{\"index\":").append(i)
                    .append(",\"message\":{\"role\":\"assistant\",\"content\":").append(quoted(contents[i]))
                    .append("},\"finish_reason\":\"stop\"}");
        }
        return "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[" + choices + "]}";
    }

    /** A request admitted for an anonymous caller at the strictest tier, with no HTTP request behind it. */
    static Admitted admitted(Endpoint endpoint, String json, GuardState guard) {
        return admitted(new ClientCall(endpoint, null, "req-1", System.nanoTime()), json, guard);
    }

    static Admitted admitted(ClientCall call, String json, GuardState guard) {
        return new Admitted(call, parsed(call.endpoint(), json), Caller.ANONYMOUS, TrustAssessment.STRICTEST, guard);
    }

    /** The future's result, waiting at most 10 s. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, but failed with " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no result within 10 s", e);
        }
    }

    /** The future's failure, waiting at most 10 s. */
    static Throwable failure(Future<?> future) {
        try {
            Object result = future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, but succeeded with " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no result within 10 s", e);
        }
    }

    /** A loopback port nothing listens on (connections are refused). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
