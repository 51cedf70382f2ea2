package dev.rampart.gateway.decisionlog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymises subjects for the decision log with HMAC-SHA256 under a key kept beside the log
 * ({@code decision-log.key}, created on first use, owner-only), so a log alone does not reveal who asked, while an
 * operator with the key can still find one subject's decisions.
 */
public final class SubjectHasher {
    private final byte[] key;

    private SubjectHasher(byte[] key) {
        this.key = key;
    }

    public static SubjectHasher forDirectory(Path dir) throws IOException {
        Path file = dir.resolve("decision-log.key");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.writeString(file, HexFormat.of().formatHex(fresh), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        }
        return new SubjectHasher(HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim()));
    }

    public String hash(String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String textHash(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
