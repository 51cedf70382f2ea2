package dev.rampart.classifier.onnx.testmodel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writers for the few ONNX messages a test model needs ({@code onnx.proto}, IR version 8): {@code ModelProto},
 * {@code GraphProto}, {@code NodeProto}, {@code AttributeProto}, {@code TensorProto} and {@code ValueInfoProto}, with
 * their field numbers. Tensors are stored as little-endian {@code raw_data}.
 */
public final class OnnxProto {
    /** {@code TensorProto.DataType.FLOAT}. */
    public static final int FLOAT = 1;
    /** {@code TensorProto.DataType.INT64}. */
    public static final int INT64 = 7;
    /** The IR version written: 8 (ONNX 1.10+). */
    public static final int IR_VERSION = 8;

    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;

    private OnnxProto() {
    }

    /** A {@code float} initializer. */
    public static ProtoWriter floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return tensor(name, dims, FLOAT, raw.array());
    }

    /** An {@code int64} initializer. */
    public static ProtoWriter int64Tensor(String name, long[] dims, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return tensor(name, dims, INT64, raw.array());
    }

    private static ProtoWriter tensor(String name, long[] dims, int dataType, byte[] raw) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);                         // dims
        }
        t.varint(2, dataType);                      // data_type
        t.string(8, name);                          // name
        t.bytes(9, raw);                            // raw_data
        return t;
    }

    /** A node of the default ({@code ai.onnx}) domain. */
    public static ProtoWriter node(String opType, List<String> inputs, List<String> outputs, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        inputs.forEach(i -> n.string(1, i));        // input
        outputs.forEach(o -> n.string(2, o));       // output
        n.string(3, outputs.get(0) + "_node");      // name
        n.string(4, opType);                        // op_type
        for (ProtoWriter a : attributes) {
            n.message(5, a);                        // attribute
        }
        return n;
    }

    /** An {@code INT} attribute. */
    public static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
    }

    /** An {@code INTS} attribute. */
    public static ProtoWriter intsAttribute(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, ATTRIBUTE_INTS);
    }

    /**
     * A graph input or output: a tensor of {@code elemType} whose dimensions are each a {@link Long} (fixed) or a
     * {@link String} (named, dynamic).
     */
    public static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof String param) {
                dim.string(2, param);               // dim_param
            } else {
                dim.varint(1, ((Number) d).longValue()); // dim_value
            }
            shape.message(1, dim);                  // TensorShapeProto.dim
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        ProtoWriter type = new ProtoWriter().message(1, tensorType); // TypeProto.tensor_type
        return new ProtoWriter().string(1, name).message(2, type);
    }

    /** A whole model: one graph, the default domain at {@code opset}. */
    public static byte[] model(String graphName, List<ProtoWriter> nodes, List<ProtoWriter> initializers,
                               List<ProtoWriter> inputs, List<ProtoWriter> outputs, int opset) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));            // node
        graph.string(2, graphName);                         // name
        initializers.forEach(t -> graph.message(5, t));     // initializer
        inputs.forEach(i -> graph.message(11, i));          // input
        outputs.forEach(o -> graph.message(12, o));         // output
        ProtoWriter opsetId = new ProtoWriter().string(1, "").varint(2, opset);
        return new ProtoWriter()
                .varint(1, IR_VERSION)                      // ir_version
                .string(2, "rampart-tests")                 // producer_name
                .message(7, graph)                          // graph
                .message(8, opsetId)                        // opset_import
                .toByteArray();
    }
}
