package dev.rampart.classifier.onnx.testmodel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The smallest protocol buffers encoder that writes ONNX: varint fields (wire type 0), 32-bit fields (wire type 5) and
 * length-delimited fields (wire type 2: bytes, strings, nested messages, packed repeated scalars). Fields are written
 * in the order they are added, which any protobuf parser accepts.
 */
public final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A varint field ({@code int32}, {@code int64}, {@code enum}, {@code bool}); negative values take ten bytes. */
    public ProtoWriter varint(int field, long value) {
        tag(field, 0);
        rawVarint(value);
        return this;
    }

    /** A {@code float} field. */
    public ProtoWriter float32(int field, float value) {
        tag(field, 5);
        rawFixed32(Float.floatToIntBits(value));
        return this;
    }

    /** A length-delimited field holding raw bytes. */
    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, 2);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** A {@code string} field, UTF-8. */
    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A nested message. */
    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A packed {@code repeated float}. */
    public ProtoWriter packedFloats(int field, float[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (float v : values) {
            packed.rawFixed32(Float.floatToIntBits(v));
        }
        return bytes(field, packed.toByteArray());
    }

    /** A packed {@code repeated int64}. */
    public ProtoWriter packedVarints(int field, long[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) {
            packed.rawVarint(v);
        }
        return bytes(field, packed.toByteArray());
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private void rawFixed32(int bits) {
        out.write(bits & 0xFF);
        out.write((bits >>> 8) & 0xFF);
        out.write((bits >>> 16) & 0xFF);
        out.write((bits >>> 24) & 0xFF);
    }
}
