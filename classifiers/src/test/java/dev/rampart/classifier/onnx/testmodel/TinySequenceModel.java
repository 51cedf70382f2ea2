package dev.rampart.classifier.onnx.testmodel;

import static dev.rampart.classifier.onnx.testmodel.OnnxProto.FLOAT;
import static dev.rampart.classifier.onnx.testmodel.OnnxProto.INT64;
import static dev.rampart.classifier.onnx.testmodel.OnnxProto.floatTensor;
import static dev.rampart.classifier.onnx.testmodel.OnnxProto.int64Tensor;
import static dev.rampart.classifier.onnx.testmodel.OnnxProto.intAttribute;
import static dev.rampart.classifier.onnx.testmodel.OnnxProto.node;
import static dev.rampart.classifier.onnx.testmodel.OnnxProto.valueInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tiny "transformer" exported the way Hugging Face exports sequence classifiers, written in Java for tests: inputs
 * {@code input_ids} and {@code attention_mask} ({@code int64 [batch, seq]}, optionally {@code token_type_ids}), a masked
 * mean of token embeddings ({@code Gather}, {@code Cast}, {@code Unsqueeze}, {@code Mul}, {@code ReduceSum},
 * {@code Div}), then a linear head ({@code MatMul}, {@code Add}) to output {@code logits [batch, outputs]}; opset 13.
 * It comes with its {@code tokenizer.json} (WordPiece over {@link #VOCAB}) and {@code config.json}.
 *
 * <p>The embeddings have {@value #DIM} dimensions, so a head can read, for a text of {@code n} tokens
 * ({@code [CLS]} and {@code [SEP]} included):
 * <ul>
 *   <li>{@link #ORDINARY}: the share of ordinary tokens (every token but the three trigger words);</li>
 *   <li>{@link #IDIOT}: 64 × the share of {@code idiot} tokens;</li>
 *   <li>{@link #SEGMENT}: the share of tokens of segment 1 (the second text of a pair; only with token type ids);</li>
 *   <li>{@link #ATTACK}: 64 × the share of {@code attack} tokens;</li>
 *   <li>{@link #EXCELLENT}: 8 × the share of {@code excellent} tokens.</li>
 * </ul>
 */
public final class TinySequenceModel {
    public static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "please", "ignore",
            "previous", "instructions", "and", "hello", "weather", "is", "nice", "today", "answer", "good", "system",
            "what", "a", "calm", "lake", "at", "dawn", "number", ".", ",", "?", "##s", "idiot", "excellent", "attack");
    public static final int DIM = 5;
    public static final int ORDINARY = 0;
    public static final int IDIOT = 1;
    public static final int SEGMENT = 2;
    public static final int ATTACK = 3;
    public static final int EXCELLENT = 4;

    /** The files of an export. */
    public record ModelFiles(Path dir, Path model, Path tokenizer, Path config) {
    }

    private TinySequenceModel() {
    }

    /**
     * The model bytes.
     *
     * @param weights       the head, {@code [DIM][outputs]}
     * @param bias          {@code [outputs]}
     * @param tokenTypeIds  whether the model takes {@code token_type_ids} (segment 1 adds 1 to {@link #SEGMENT})
     * @param embeddingRows rows of the embedding table: {@code VOCAB.size()}, or fewer to make a model that fails on
     *                      the last words of the vocabulary (a tokenizer that does not match its model)
     */
    public static byte[] build(float[][] weights, float[] bias, boolean tokenTypeIds, int embeddingRows) {
        int outputs = bias.length;
        float[] table = new float[embeddingRows * DIM];
        for (int id = 0; id < embeddingRows; id++) {
            float[] e = embedding(VOCAB.get(id));
            System.arraycopy(e, 0, table, id * DIM, DIM);
        }
        float[] w = new float[DIM * outputs];
        for (int d = 0; d < DIM; d++) {
            System.arraycopy(weights[d], 0, w, d * outputs, outputs);
        }
        List<ProtoWriter> init = new ArrayList<>(List.of(
                floatTensor("embeddings", new long[] {embeddingRows, DIM}, table),
                floatTensor("head_w", new long[] {DIM, outputs}, w),
                floatTensor("head_b", new long[] {outputs}, bias),
                int64Tensor("axis_seq", new long[] {1}, new long[] {1}),
                int64Tensor("axis_last", new long[] {1}, new long[] {2})));
        List<ProtoWriter> nodes = new ArrayList<>();
        List<ProtoWriter> inputs = new ArrayList<>(List.of(
                valueInfo("input_ids", INT64, "batch", "sequence"),
                valueInfo("attention_mask", INT64, "batch", "sequence")));
        nodes.add(node("Gather", List.of("embeddings", "input_ids"), List.of("tokens")));
        String tokens = "tokens";
        if (tokenTypeIds) {
            float[] types = new float[2 * DIM];
            types[DIM + SEGMENT] = 1;
            init.add(floatTensor("type_embeddings", new long[] {2, DIM}, types));
            inputs.add(valueInfo("token_type_ids", INT64, "batch", "sequence"));
            nodes.add(node("Gather", List.of("type_embeddings", "token_type_ids"), List.of("segments")));
            nodes.add(node("Add", List.of("tokens", "segments"), List.of("tokens_and_segments")));
            tokens = "tokens_and_segments";
        }
        nodes.add(node("Cast", List.of("attention_mask"), List.of("mask"), intAttribute("to", FLOAT)));
        nodes.add(node("Unsqueeze", List.of("mask", "axis_last"), List.of("mask3")));
        nodes.add(node("Mul", List.of(tokens, "mask3"), List.of("masked")));
        nodes.add(node("ReduceSum", List.of("masked", "axis_seq"), List.of("summed"), intAttribute("keepdims", 0)));
        nodes.add(node("ReduceSum", List.of("mask3", "axis_seq"), List.of("count"), intAttribute("keepdims", 0)));
        nodes.add(node("Div", List.of("summed", "count"), List.of("pooled")));
        nodes.add(node("MatMul", List.of("pooled", "head_w"), List.of("projected")));
        nodes.add(node("Add", List.of("projected", "head_b"), List.of("logits")));
        return OnnxProto.model("tiny-sequence-classifier", nodes, init, inputs,
                List.of(valueInfo("logits", FLOAT, "batch", (long) outputs)), 13);
    }

    private static float[] embedding(String token) {
        float[] e = new float[DIM];
        switch (token) {
            case "[PAD]" -> { }
            case "idiot" -> e[IDIOT] = 64;
            case "attack" -> e[ATTACK] = 64;
            case "excellent" -> e[EXCELLENT] = 8;
            default -> e[ORDINARY] = 1;
        }
        return e;
    }

    /** An empty head {@code [DIM][outputs]} to fill in. */
    public static float[][] head(int outputs) {
        return new float[DIM][outputs];
    }

    /**
     * A three-label injection and toxicity classifier: {@code BENIGN} logit 0, {@code MALICIOUS} 2 × attack-dimension
     * − 2, {@code TOXIC} 2 × idiot-dimension − 2. A benign text scores MALICIOUS about 0.11 (softmax) or 0.12
     * (sigmoid); one {@code attack} in a window of up to 16 tokens scores it above 0.99.
     */
    public static byte[] injectionAndToxicity(boolean tokenTypeIds) {
        float[][] w = head(3);
        w[ATTACK][1] = 2;
        w[IDIOT][2] = 2;
        return build(w, new float[] {0, -2, -2}, tokenTypeIds, VOCAB.size());
    }

    /** The same labels and weights, with an embedding table that lacks the last vocabulary word ({@code attack}). */
    public static byte[] injectionAndToxicityMissingAttack() {
        float[][] w = head(3);
        w[ATTACK][1] = 2;
        w[IDIOT][2] = 2;
        return build(w, new float[] {0, -2, -2}, false, VOCAB.size() - 1);
    }

    /**
     * A reward model with {@code token_type_ids}. One output: {@code reward} = excellent-dimension − 1. Five outputs:
     * helpfulness = excellent-dimension, correctness = segment-dimension, coherence = ordinary-dimension, complexity =
     * −1, verbosity = attack-dimension.
     */
    public static byte[] reward(int outputs) {
        if (outputs == 1) {
            float[][] w = head(1);
            w[EXCELLENT][0] = 1;
            return build(w, new float[] {-1}, true, VOCAB.size());
        }
        if (outputs != 5) {
            throw new IllegalArgumentException("1 or 5 outputs");
        }
        float[][] w = head(5);
        w[EXCELLENT][0] = 1;
        w[SEGMENT][1] = 1;
        w[ORDINARY][2] = 1;
        w[ATTACK][4] = 1;
        return build(w, new float[] {0, 0, 0, -1, 0}, true, VOCAB.size());
    }

    /** The {@code tokenizer.json} of {@link #VOCAB}: BERT normaliser (lower case) and pre-tokenizer, WordPiece. */
    public static String tokenizerJson() {
        String vocab = new ArrayList<>(VOCAB).stream()
                .map(t -> "\"" + t + "\": " + VOCAB.indexOf(t))
                .collect(Collectors.joining(", "));
        return "{\"version\": \"1.0\", \"added_tokens\": [],"
                + " \"normalizer\": {\"type\": \"BertNormalizer\", \"clean_text\": true, \"handle_chinese_chars\": true,"
                + " \"strip_accents\": null, \"lowercase\": true},"
                + " \"pre_tokenizer\": {\"type\": \"BertPreTokenizer\"},"
                + " \"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"continuing_subword_prefix\": \"##\","
                + " \"max_input_chars_per_word\": 100, \"vocab\": {" + vocab + "}}}";
    }

    /**
     * A {@code config.json}.
     *
     * @param labels       {@code id2label} in order
     * @param problemType  {@code problem_type}, or null
     * @param maxPositions {@code max_position_embeddings}, or 0 to leave it out
     */
    public static String configJson(List<String> labels, String problemType, int maxPositions) {
        StringBuilder sb = new StringBuilder("{\"architectures\": [\"BertForSequenceClassification\"],"
                + " \"model_type\": \"bert\", \"id2label\": {");
        for (int i = 0; i < labels.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(i).append("\": \"").append(labels.get(i)).append('"');
        }
        sb.append("}, \"label2id\": {");
        for (int i = 0; i < labels.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(labels.get(i)).append("\": ").append(i);
        }
        sb.append('}');
        if (problemType != null) {
            sb.append(", \"problem_type\": \"").append(problemType).append('"');
        }
        if (maxPositions > 0) {
            sb.append(", \"max_position_embeddings\": ").append(maxPositions);
        }
        return sb.append('}').toString();
    }

    /** Writes {@code model.onnx}, {@code tokenizer.json} and {@code config.json} into {@code dir}. */
    public static ModelFiles write(Path dir, byte[] model, String configJson) {
        try {
            java.nio.file.Files.createDirectories(dir);
            Path m = java.nio.file.Files.write(dir.resolve("model.onnx"), model);
            Path t = java.nio.file.Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
            Path c = java.nio.file.Files.writeString(dir.resolve("config.json"), configJson);
            return new ModelFiles(dir, m, t, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
