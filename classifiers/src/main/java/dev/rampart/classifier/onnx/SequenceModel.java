package dev.rampart.classifier.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One ONNX Runtime session for a Hugging Face sequence-classification export (a transformer with a classification or
 * regression head): inputs {@code input_ids} and {@code attention_mask} ({@code int64 [batch, seq]}) and optionally
 * {@code token_type_ids}, one {@code float [batch, outputs]} output ({@code logits}, or the model's only output). Runs
 * padded batches of single texts or text pairs ({@link Input#typeIds()} then marks the second segment) and returns the
 * raw outputs, one row per input.
 *
 * <p>Thread-safe (ONNX Runtime sessions are) and blocking: run it on a worker pool, never on an event loop.
 * {@link #close()} waits for the runs in progress, so the native session is never freed under a running batch; a run
 * after close fails with {@link IllegalStateException}.
 */
public final class SequenceModel implements AutoCloseable {
    private static final String IDS = "input_ids";
    private static final String MASK = "attention_mask";
    private static final String TYPES = "token_type_ids";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean takesTypeIds;
    private final String outputName;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * One model input: token ids with their special tokens, and the segment of each token for a text pair.
     *
     * @param ids     token ids, {@code [CLS] … [SEP]} included
     * @param typeIds segment ids (0 for the first text, 1 for the second), the same length as {@code ids}; null for a
     *                single text (all 0)
     */
    public record Input(int[] ids, int[] typeIds) {
        public Input {
            if (ids == null || ids.length == 0) {
                throw new IllegalArgumentException("an input needs at least one token");
            }
            if (typeIds != null && typeIds.length != ids.length) {
                throw new IllegalArgumentException("token_type_ids must have one id per token: " + typeIds.length
                        + " for " + ids.length + " tokens");
            }
        }

        /** A single text. */
        public static Input of(int[] ids) {
            return new Input(ids, null);
        }
    }

    private SequenceModel(OrtEnvironment env, OrtSession session) throws OrtException {
        this.env = env;
        this.session = session;
        Map<String, NodeInfo> inputs = session.getInputInfo();
        List<String> problems = new ArrayList<>();
        if (!inputs.containsKey(IDS) || !inputs.containsKey(MASK)) {
            problems.add("inputs must include input_ids and attention_mask, but were " + new TreeSet<>(inputs.keySet()));
        }
        for (Map.Entry<String, NodeInfo> in : inputs.entrySet()) {
            if (!Set.of(IDS, MASK, TYPES).contains(in.getKey())) {
                problems.add("input " + in.getKey() + " is not one a sequence classifier is given (input_ids, "
                        + "attention_mask, token_type_ids)");
            } else if (!(in.getValue().getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.INT64
                    || t.getShape().length != 2) {
                problems.add("input " + in.getKey() + " must be an int64 [batch, sequence] tensor, but was "
                        + in.getValue().getInfo());
            }
        }
        this.takesTypeIds = inputs.containsKey(TYPES);
        Set<String> outputs = session.getOutputNames();
        if (outputs.contains("logits")) {
            this.outputName = "logits";
        } else if (outputs.size() == 1) {
            this.outputName = outputs.iterator().next();
        } else {
            this.outputName = null;
            problems.add("the model has several outputs " + outputs + " and none is named logits");
        }
        if (outputName != null) {
            NodeInfo info = session.getOutputInfo().get(outputName);
            if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT
                    || (t.getShape().length != 2)) {
                problems.add("output " + outputName + " must be a float [batch, outputs] tensor, but was " + info.getInfo());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a sequence classification model: " + String.join("; ", problems));
        }
    }

    /**
     * Loads a model from its bytes.
     *
     * @param model          the {@code model.onnx} bytes
     * @param intraOpThreads ONNX Runtime threads per run (1 when several workers share the session)
     * @throws IllegalArgumentException when ONNX Runtime cannot read the bytes, or the model's inputs and outputs are
     *                                  not those of a sequence classifier (the message says which)
     */
    public static SequenceModel load(byte[] model, int intraOpThreads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, intraOpThreads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load the ONNX model: " + e.getMessage(), e);
        }
        try {
            return new SequenceModel(env, session);
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the model is refused either way
            }
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot read the ONNX model's inputs and outputs: " + e.getMessage(), e);
        }
    }

    /** Whether the model takes {@code token_type_ids} (BERT does; DistilBERT and DeBERTa exports often do not). */
    public boolean takesTokenTypeIds() {
        return takesTypeIds;
    }

    /** The output read: {@code logits}, or the model's only output. */
    public String outputName() {
        return outputName;
    }

    /**
     * How many values the model outputs per input, found by running it once on {@code probe} (so a model that cannot
     * run at all fails here, at load, rather than on the first request).
     *
     * @throws IllegalArgumentException when the run fails
     */
    public int outputWidth(int[] probe, int padId) {
        try {
            return run(List.of(Input.of(probe)), padId)[0].length;
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the model does not run: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a batch: the inputs are padded with {@code padId} to the longest, masked, and run together.
     *
     * @return the raw outputs, one row per input, in order
     * @throws IllegalStateException when inference fails, the output has an unexpected shape, or the model is closed
     */
    public float[][] run(List<Input> batch, int padId) {
        if (batch.isEmpty()) {
            return new float[0][];
        }
        int rows = batch.size();
        int length = 0;
        for (Input in : batch) {
            length = Math.max(length, in.ids().length);
        }
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] types = takesTypeIds ? new long[rows * length] : null;
        Arrays.fill(ids, padId);
        for (int b = 0; b < rows; b++) {
            Input in = batch.get(b);
            for (int i = 0; i < in.ids().length; i++) {
                ids[b * length + i] = in.ids()[i];
                mask[b * length + i] = 1;
                if (types != null && in.typeIds() != null) {
                    types[b * length + i] = in.typeIds()[i];
                }
            }
        }
        long[] shape = {rows, length};
        lock.readLock().lock();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            if (closed) {
                throw new IllegalStateException("the model is closed");
            }
            inputs.put(IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put(MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (types != null) {
                inputs.put(TYPES, OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxTensor tensor = (OnnxTensor) result.get(0);
                long[] outShape = tensor.getInfo().getShape();
                if (outShape.length != 2 || outShape[0] != rows || outShape[1] < 1) {
                    throw new IllegalStateException("output " + outputName + " must be [" + rows + ", outputs], but was "
                            + Arrays.toString(outShape));
                }
                int width = (int) outShape[1];
                float[] flat = new float[rows * width];
                tensor.getFloatBuffer().get(flat);
                float[][] out = new float[rows][];
                for (int b = 0; b < rows; b++) {
                    out[b] = Arrays.copyOfRange(flat, b * width, (b + 1) * width);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
            lock.readLock().unlock();
        }
    }

    /** Waits for the runs in progress, then frees the session. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close();
        } catch (OrtException e) {
            // nothing to do: the session is gone either way
        } finally {
            lock.writeLock().unlock();
        }
    }
}
