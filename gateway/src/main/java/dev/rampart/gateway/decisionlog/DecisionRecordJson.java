package dev.rampart.gateway.decisionlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
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
    /** Field names encoded once: the generator copies their bytes instead of escaping each name on every record. */
    private static final SerializedString F_DECISION_ID = new SerializedString("decision_id");
    private static final SerializedString F_REQUEST_ID = new SerializedString("request_id");
    private static final SerializedString F_TIME = new SerializedString("time");
    private static final SerializedString F_ROUTE = new SerializedString("route");
    private static final SerializedString F_SUBJECT = new SerializedString("subject");
    private static final SerializedString F_TENANT = new SerializedString("tenant");
    private static final SerializedString F_TRUST_SCORE = new SerializedString("trust_score");
    private static final SerializedString F_TIER = new SerializedString("tier");
    private static final SerializedString F_POLICY = new SerializedString("policy");
    private static final SerializedString F_POLICY_REVISION = new SerializedString("policy_revision");
    private static final SerializedString F_DIRECTION = new SerializedString("direction");
    private static final SerializedString F_ACTION = new SerializedString("action");
    private static final SerializedString F_CONTESTED = new SerializedString("contested");
    private static final SerializedString F_WOULD_ACTION = new SerializedString("would_action");
    private static final SerializedString F_NAME = new SerializedString("name");
    private static final SerializedString F_STATUS = new SerializedString("status");
    private static final SerializedString F_ERROR = new SerializedString("error");
    private static final SerializedString F_CATEGORY = new SerializedString("category");
    private static final SerializedString F_SCORE = new SerializedString("score");
    private static final SerializedString F_THRESHOLD = new SerializedString("threshold");
    private static final SerializedString F_FIRED = new SerializedString("fired");
    private static final SerializedString F_ENFORCED = new SerializedString("enforced");
    private static final SerializedString F_CLASSIFIER_ERROR = new SerializedString("classifier_error");
    private static final SerializedString F_SCORER = new SerializedString("scorer");
    private static final SerializedString F_ATTEMPTS = new SerializedString("attempts");
    private static final SerializedString F_LATENCY_MS = new SerializedString("latency_ms");
    private static final SerializedString F_TEXT_SHA256 = new SerializedString("text_sha256");
    private static final SerializedString F_TEXT = new SerializedString("text");
    private static final SerializedString F_CLASSIFIERS = new SerializedString("classifiers");
    private static final SerializedString F_FINDINGS = new SerializedString("findings");
    private static final SerializedString F_SCORES = new SerializedString("scores");
    private static final SerializedString F_SHADOW = new SerializedString("shadow");
    private static final SerializedString F_REWARD = new SerializedString("reward");
    private static final SerializedString F_ATTRIBUTES = new SerializedString("attributes");
    private static final SerializedString F_CATEGORIES = new SerializedString("categories");
    private static final SerializedString F_MONITORED = new SerializedString("monitored");
    private static final SerializedString F_COVERS = new SerializedString("covers");
    private static final SerializedString F_FLAGS = new SerializedString("flags");

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
        str(g, F_DECISION_ID, d.decisionId());
        str(g, F_REQUEST_ID, d.requestId());
        str(g, F_TIME, InstantText.format(d.time()));
        str(g, F_ROUTE, d.route());
        str(g, F_SUBJECT, d.subject());
        str(g, F_TENANT, d.tenant());
        num(g, F_TRUST_SCORE, d.trustScore());
        num(g, F_TIER, d.tier());
        str(g, F_POLICY, d.policy());
        str(g, F_POLICY_REVISION, d.policyRevision());
        str(g, F_DIRECTION, d.direction().wireName());
        str(g, F_ACTION, d.action().wireName());
        strings(g, F_CATEGORIES, d.categories());
        bool(g, F_CONTESTED, d.contested());
        if (d.wouldAction() != d.action() || !d.monitored().isEmpty()) {
            str(g, F_WOULD_ACTION, d.wouldAction().wireName());
            strings(g, F_MONITORED, d.monitored());
        }
        arrayStart(g, F_CLASSIFIERS);
        for (ClassifierScores s : d.classifiers()) {
            g.writeStartObject();
            str(g, F_NAME, s.classifier());
            str(g, F_STATUS, s.status().name().toLowerCase(Locale.ROOT));
            objectStart(g, F_SCORES); // every category it has evidence on, zeros included: each is a vote
            for (Map.Entry<String, Double> e : s.scores().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            if (s.status() != ClassifierStatus.OK) {
                strings(g, F_COVERS, s.covers());
                if (s.error() != null) {
                    str(g, F_ERROR, s.error());
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        arrayStart(g, F_FINDINGS);
        for (CategoryFinding f : d.findings()) {
            if (f.fired() || f.contested()) {
                g.writeStartObject();
                str(g, F_CATEGORY, f.category());
                num(g, F_SCORE, Double.isNaN(f.score()) ? -1 : f.score());
                num(g, F_THRESHOLD, f.threshold());
                num(g, F_TIER, f.tier());
                bool(g, F_FIRED, f.fired());
                str(g, F_ACTION, f.action().wireName());
                bool(g, F_ENFORCED, f.enforced());
                bool(g, F_CONTESTED, f.contested());
                bool(g, F_CLASSIFIER_ERROR, f.classifierError());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        if (d.shadow() != null) {
            DecisionRecord.Shadow sh = d.shadow();
            objectStart(g, F_SHADOW);
            str(g, F_POLICY, sh.policy());
            str(g, F_POLICY_REVISION, sh.policyRevision());
            str(g, F_ACTION, sh.action().wireName());
            str(g, F_WOULD_ACTION, sh.wouldAction().wireName());
            strings(g, F_CATEGORIES, sh.categories());
            bool(g, F_CONTESTED, sh.contested());
            g.writeEndObject();
        }
        if (d.reward() != null) {
            DecisionRecord.Reward w = d.reward();
            objectStart(g, F_REWARD);
            str(g, F_STATUS, w.status());
            if (w.scorer() != null) {
                str(g, F_SCORER, w.scorer());
                objectStart(g, F_ATTRIBUTES);
                for (Map.Entry<String, Double> e : w.attributes().entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                if (w.error() != null) {
                    str(g, F_ERROR, w.error());
                }
            }
            num(g, F_ATTEMPTS, Math.max(1, w.attempts()));
            strings(g, F_FLAGS, w.flags());
            g.writeEndObject();
        }
        num(g, F_LATENCY_MS, d.latencyMs());
        str(g, F_TEXT_SHA256, d.textSha256());
        if (d.text() != null) {
            str(g, F_TEXT, d.text());
        }
        g.writeEndObject();
    }


    private static void str(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static void num(JsonGenerator g, SerializedString name, double value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void num(JsonGenerator g, SerializedString name, int value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void bool(JsonGenerator g, SerializedString name, boolean value) throws IOException {
        g.writeFieldName(name);
        g.writeBoolean(value);
    }

    private static void arrayStart(JsonGenerator g, SerializedString name) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
    }

    private static void objectStart(JsonGenerator g, SerializedString name) throws IOException {
        g.writeFieldName(name);
        g.writeStartObject();
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

    private static void strings(JsonGenerator g, SerializedString field, List<String> values) throws IOException {
        arrayStart(g, field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
