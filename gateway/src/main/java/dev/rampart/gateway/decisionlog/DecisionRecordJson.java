package dev.rampart.gateway.decisionlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.policy.Action;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Direction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decision log's JSON form of a {@link DecisionRecord}: one object per line, field names in snake case. Written
 * with a streaming generator (no tree in between); Jackson escapes every control character, so a text cannot forge a
 * line.
 */
public final class DecisionRecordJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Scores are written with Jackson's fast (Schubfach) double writer: {@code Double.toString} was a tenth of the cost. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private DecisionRecordJson() {
    }

    /** The record as one line of UTF-8 JSON, newline included. */
    public static byte[] line(DecisionRecord d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(d, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The record as a JSON tree (for the dashboard). */
    public static ObjectNode toJson(DecisionRecord d) {
        try {
            return (ObjectNode) JSON.readTree(line(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DecisionRecord d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("decision_id", d.decisionId());
        g.writeStringField("request_id", d.requestId());
        g.writeStringField("time", InstantText.format(d.time()));
        g.writeStringField("route", d.route());
        g.writeStringField("subject", d.subject());
        g.writeStringField("tenant", d.tenant());
        g.writeNumberField("trust_score", d.trustScore());
        g.writeNumberField("tier", d.tier());
        g.writeStringField("policy", d.policy());
        g.writeStringField("policy_revision", d.policyRevision());
        g.writeStringField("direction", d.direction().wireName());
        g.writeStringField("action", d.action().wireName());
        strings(g, "categories", d.categories());
        g.writeBooleanField("contested", d.contested());
        if (d.wouldAction() != d.action() || !d.monitored().isEmpty()) {
            g.writeStringField("would_action", d.wouldAction().wireName());
            strings(g, "monitored", d.monitored());
        }
        g.writeArrayFieldStart("classifiers");
        for (ClassifierScores s : d.classifiers()) {
            g.writeStartObject();
            g.writeStringField("name", s.classifier());
            g.writeStringField("status", s.status().name().toLowerCase(Locale.ROOT));
            g.writeObjectFieldStart("scores"); // every category it has evidence on, zeros included: each is a vote
            for (Map.Entry<String, Double> e : s.scores().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            if (s.status() != ClassifierStatus.OK) {
                strings(g, "covers", s.covers());
                if (s.error() != null) {
                    g.writeStringField("error", s.error());
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("findings");
        for (CategoryFinding f : d.findings()) {
            if (f.fired() || f.contested()) {
                g.writeStartObject();
                g.writeStringField("category", f.category());
                g.writeNumberField("score", Double.isNaN(f.score()) ? -1 : f.score());
                g.writeNumberField("threshold", f.threshold());
                g.writeNumberField("tier", f.tier());
                g.writeBooleanField("fired", f.fired());
                g.writeStringField("action", f.action().wireName());
                g.writeBooleanField("enforced", f.enforced());
                g.writeBooleanField("contested", f.contested());
                g.writeBooleanField("classifier_error", f.classifierError());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        if (d.shadow() != null) {
            DecisionRecord.Shadow sh = d.shadow();
            g.writeObjectFieldStart("shadow");
            g.writeStringField("policy", sh.policy());
            g.writeStringField("policy_revision", sh.policyRevision());
            g.writeStringField("action", sh.action().wireName());
            g.writeStringField("would_action", sh.wouldAction().wireName());
            strings(g, "categories", sh.categories());
            g.writeBooleanField("contested", sh.contested());
            g.writeEndObject();
        }
        if (d.reward() != null) {
            DecisionRecord.Reward w = d.reward();
            g.writeObjectFieldStart("reward");
            g.writeStringField("status", w.status());
            if (w.scorer() != null) {
                g.writeStringField("scorer", w.scorer());
                g.writeObjectFieldStart("attributes");
                for (Map.Entry<String, Double> e : w.attributes().entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                if (w.error() != null) {
                    g.writeStringField("error", w.error());
                }
            }
            g.writeNumberField("attempts", Math.max(1, w.attempts()));
            strings(g, "flags", w.flags());
            g.writeEndObject();
        }
        g.writeNumberField("latency_ms", d.latencyMs());
        g.writeStringField("text_sha256", d.textSha256());
        if (d.text() != null) {
            g.writeStringField("text", d.text());
        }
        g.writeEndObject();
    }

    /**
     * A logged record read back: everything {@link DecisionRecord#input()} needs to re-decide it, the logged findings
     * (those that fired or were contested), the shadow and the reward are restored; the text only if it was logged.
     *
     * @throws IllegalArgumentException when a field the record cannot do without is missing or malformed
     */
    public static DecisionRecord read(JsonNode n) {
        Direction direction = enumOf(Direction.class, n.path("direction").asText(), "direction");
        Action action = enumOf(Action.class, n.path("action").asText(), "action");
        Action would = n.has("would_action") ? enumOf(Action.class, n.path("would_action").asText(), "would_action")
                : action;
        List<ClassifierScores> classifiers = new ArrayList<>();
        for (JsonNode c : n.path("classifiers")) {
            Map<String, Double> scores = new LinkedHashMap<>();
            c.path("scores").fields().forEachRemaining(e -> scores.put(e.getKey(), e.getValue().asDouble()));
            classifiers.add(new ClassifierScores(c.path("name").asText(),
                    enumOf(ClassifierStatus.class, c.path("status").asText(), "classifiers[].status"), scores, List.of(),
                    texts(c.path("covers")), c.hasNonNull("error") ? c.path("error").asText() : null));
        }
        List<CategoryFinding> findings = new ArrayList<>();
        for (JsonNode f : n.path("findings")) {
            double score = f.path("score").asDouble();
            findings.add(new CategoryFinding(f.path("category").asText(),
                    f.has("action") ? enumOf(Action.class, f.path("action").asText(), "findings[].action")
                            : f.path("fired").asBoolean() ? action : Action.ALLOW,
                    f.path("fired").asBoolean(), score < 0 ? Double.NaN : score, f.path("threshold").asDouble(),
                    f.path("tier").asInt(), null, f.path("contested").asBoolean(), f.path("classifier_error").asBoolean(),
                    f.path("enforced").asBoolean(true)));
        }
        DecisionRecord.Shadow shadow = null;
        if (n.has("shadow")) {
            JsonNode sh = n.path("shadow");
            shadow = new DecisionRecord.Shadow(sh.path("policy").asText(), sh.path("policy_revision").asText(),
                    enumOf(Action.class, sh.path("action").asText(), "shadow.action"),
                    enumOf(Action.class, sh.path("would_action").asText(sh.path("action").asText()), "shadow.would_action"),
                    texts(sh.path("categories")), sh.path("contested").asBoolean());
        }
        DecisionRecord.Reward reward = null;
        if (n.has("reward")) {
            JsonNode w = n.path("reward");
            Map<String, Double> attributes = new LinkedHashMap<>();
            w.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asDouble()));
            reward = new DecisionRecord.Reward(w.path("status").asText(), w.hasNonNull("scorer") ? w.path("scorer").asText()
                    : null, attributes, w.hasNonNull("error") ? w.path("error").asText() : null, w.path("attempts").asInt(),
                    texts(w.path("flags")));
        }
        return new DecisionRecord(n.path("decision_id").asText(), n.path("request_id").asText(null),
                Instant.parse(n.path("time").asText()), n.path("route").asText(null), n.path("subject").asText(null),
                n.path("tenant").asText(null), n.path("trust_score").asDouble(), n.path("tier").asInt(),
                n.path("policy").asText(null), n.path("policy_revision").asText(null), direction, action,
                texts(n.path("categories")), n.path("contested").asBoolean(), classifiers, findings, would,
                texts(n.path("monitored")), shadow, reward, n.path("latency_ms").asDouble(),
                n.path("text_sha256").asText(null), n.hasNonNull("text") ? n.path("text").asText() : null);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String wire, String field) {
        try {
            return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": not a " + type.getSimpleName() + ": '" + wire + "'");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
