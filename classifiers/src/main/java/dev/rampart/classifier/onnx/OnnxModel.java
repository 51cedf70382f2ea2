package dev.rampart.classifier.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session for a transformer that takes {@code input_ids}, {@code attention_mask} and optionally
 * {@code token_type_ids}, run on a padded batch of token windows. Thread-safe (ONNX Runtime sessions are); callers run
 * it on a worker pool, never on an event loop. ONNX Runtime 1.28 sends no telemetry; the launcher also sets
 * {@code ORT_DISABLE_TELEMETRY=1} for later versions.
 */
public final class OnnxModel implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean wantsTypeIds;
    private final String outputName;
    private final int padId;

    private OnnxModel(OrtEnvironment env, OrtSession session, int padId) throws OrtException {
        this.env = env;
        this.session = session;
        this.padId = padId;
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
            throw new IllegalArgumentException("model inputs must include input_ids and attention_mask, but were " + inputs);
        }
        this.wantsTypeIds = inputs.contains("token_type_ids");
        this.outputName = session.getOutputNames().iterator().next();
    }

    /** Loads a model from its bytes with {@code threads} intra-op threads. */
    public static OnnxModel load(byte[] model, int threads, int padId) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new OnnxModel(env, env.createSession(model, options), padId);
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load the ONNX model: " + e.getMessage(), e);
        }
    }

    /** The shape of the first output as declared by the model (-1 for dynamic axes). */
    public long[] outputShape() {
        try {
            NodeInfo info = session.getOutputInfo().get(outputName);
            return ((TensorInfo) info.getInfo()).getShape();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a batch. Returns the first output as {@code [batch][...]} flattened per row, with the padded length used,
     * so callers can read per-token outputs ({@code [batch][seq*hidden]}) or logits ({@code [batch][labels]}).
     */
    public Output run(List<int[]> windows) {
        int batch = windows.size();
        int length = 0;
        for (int[] w : windows) {
            length = Math.max(length, w.length);
        }
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            long[] row = TokenWindows.padded(windows.get(b), length, padId);
            System.arraycopy(row, 0, ids, b * length, length);
            for (int i = 0; i < windows.get(b).length; i++) {
                mask[b * length + i] = 1;
            }
        }
        long[] shape = {batch, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (wantsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxTensor tensor = (OnnxTensor) result.get(0);
                long[] outShape = tensor.getInfo().getShape();
                float[] flat = new float[(int) tensor.getInfo().getNumElements()];
                tensor.getFloatBuffer().get(flat);
                return new Output(flat, outShape, mask, length);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * A batch's first output.
     *
     * @param values   the output, row-major
     * @param shape    its shape
     * @param mask     the attention mask used ({@code batch * length})
     * @param length   the padded sequence length
     */
    public record Output(float[] values, long[] shape, long[] mask, int length) {
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing to do: the session is gone either way
        }
    }
}
