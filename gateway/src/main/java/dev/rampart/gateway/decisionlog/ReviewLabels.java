package dev.rampart.gateway.decisionlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A reviewer's judgements of logged decisions, one JSON line each in {@code <data_dir>/review/labels.jsonl}:
 * {@code decision_id}, {@code label} ({@code correct} or {@code wrong}), when, and the decision's revision, direction,
 * action, categories and contested flag copied from the log (so the labels stay readable after the log rotates). The
 * review queue is the contested decisions without a label. A later label of the same decision wins. No text.
 */
public final class ReviewLabels {
    public static final String FILE = "labels.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reviewer's judgement of a decision. */
    public enum Label {
        CORRECT, WRONG;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Label parse(String text) {
            for (Label l : values()) {
                if (l.wireName().equals(text)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("a label is correct or wrong, but was '" + text + "'");
        }
    }

    private final Path file;

    public ReviewLabels(Path dir) {
        this.file = dir.resolve(FILE);
    }

    /** Appends a label for a logged decision. */
    public void append(JsonNode record, Label label, Instant at) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("decision_id", record.path("decision_id").asText());
        line.put("label", label.wireName());
        line.put("time", at.toString());
        for (String field : new String[] {"policy_revision", "direction", "action", "would_action", "tier"}) {
            if (record.has(field)) {
                line.set(field, record.get(field));
            }
        }
        line.set("categories", record.path("categories"));
        line.put("contested", record.path("contested").asBoolean());
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Every decision's latest label, by decision id, in the order first labelled; unreadable lines are skipped. */
    public Map<String, JsonNode> read() throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n != null && n.hasNonNull("decision_id")) {
                        out.put(n.path("decision_id").asText(), n);
                    }
                } catch (IOException e) {
                    // a torn last line
                }
            }
        }
        return out;
    }
}
