package dev.rampart.classifier.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Reading the files of an ONNX model configuration, and the revision that identifies what was loaded. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** The file's bytes, or null with a problem ({@code key: cannot read FILE: cause}) added to {@code problems}. */
    public static byte[] read(Path file, String key, List<String> problems) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            problems.add(key + ": cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : ": " + e.getMessage()));
            return null;
        }
    }

    /** {@code <16 hex of the model's SHA-256>:<8 hex of the settings' SHA-256>}: changes with either. */
    public static String revision(byte[] model, String settings) {
        return sha256(model).substring(0, 16) + ":"
                + sha256(settings.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    /** The SHA-256 of the bytes, in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
