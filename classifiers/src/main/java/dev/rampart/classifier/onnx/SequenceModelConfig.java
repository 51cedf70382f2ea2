package dev.rampart.classifier.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Rampart reads from a Hugging Face model's {@code config.json}: the labels of the classification head in output
 * order ({@code id2label}), whether it was trained multi-label ({@code "problem_type": "multi_label_classification"},
 * whose outputs are read with a sigmoid), and the longest input the position embeddings allow
 * ({@code max_position_embeddings}). Everything else in the file is ignored.
 *
 * @param labels                the label of each output, in order; empty when the file has no {@code id2label}
 * @param multiLabel            whether {@code problem_type} is {@code multi_label_classification}
 * @param maxPositionEmbeddings the longest input in tokens, or 0 when the file does not say
 */
public record SequenceModelConfig(List<String> labels, boolean multiLabel, int maxPositionEmbeddings) {
    public SequenceModelConfig {
        labels = List.copyOf(labels);
    }

    /**
     * Reads a {@code config.json}.
     *
     * @throws IllegalArgumentException when it is not JSON, or {@code id2label} is not a mapping of the indices
     *                                  0…n-1 to label names
     */
    public static SequenceModelConfig read(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("config.json is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("config.json cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config.json must be a JSON object");
        }
        List<String> labels = new ArrayList<>();
        JsonNode id2label = root.path("id2label");
        if (!id2label.isMissingNode() && !id2label.isNull()) {
            if (!id2label.isObject()) {
                throw new IllegalArgumentException("config.json: id2label must be a mapping of output index to label, "
                        + "but was " + id2label);
            }
            Map<Integer, String> byIndex = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = id2label.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int index;
                try {
                    index = Integer.parseInt(e.getKey().strip());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("config.json: id2label keys must be output indices, but one was '"
                            + e.getKey() + "'");
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw new IllegalArgumentException("config.json: id2label." + e.getKey()
                            + " must be a label name, but was " + e.getValue());
                }
                byIndex.put(index, e.getValue().asText());
            }
            int expected = 0;
            for (Map.Entry<Integer, String> e : byIndex.entrySet()) {
                if (e.getKey() != expected++) {
                    throw new IllegalArgumentException("config.json: id2label must number the outputs 0 to "
                            + (byIndex.size() - 1) + ", but has " + byIndex.keySet());
                }
                if (labels.contains(e.getValue())) {
                    throw new IllegalArgumentException("config.json: id2label names '" + e.getValue() + "' twice");
                }
                labels.add(e.getValue());
            }
        }
        boolean multiLabel = "multi_label_classification".equals(root.path("problem_type").asText(""));
        JsonNode positions = root.path("max_position_embeddings");
        int maxPositions = positions.canConvertToInt() && positions.asInt() > 0 ? positions.asInt() : 0;
        return new SequenceModelConfig(labels, multiLabel, maxPositions);
    }
}
