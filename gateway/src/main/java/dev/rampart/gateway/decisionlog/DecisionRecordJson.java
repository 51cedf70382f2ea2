package dev.rampart.gateway.decisionlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.ClassifierScores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private static final JsonFactory FACTORY = JSON.getFactory();

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
        g.writeStringField("time", d.time().toString());
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
        g.writeArrayFieldStart("classifiers");
        for (ClassifierScores s : d.classifiers()) {
            g.writeStartObject();
            g.writeStringField("name", s.classifier());
            g.writeStringField("status", s.status().name().toLowerCase(Locale.ROOT));
            g.writeObjectFieldStart("scores");
            for (Map.Entry<String, Double> e : s.scores().entrySet()) {
                if (e.getValue() > 0) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
            }
            g.writeEndObject();
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
                g.writeBooleanField("classifier_error", f.classifierError());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
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

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
