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
 * Pseudonymises subjects for the decision log with HMAC-SHA256, so a log alone does not reveal who asked, while an
 * operator with the key can still find one subject's decisions. The key comes from the environment variable
 * {@value #KEY_ENV} (hex, at least 32 bytes: {@code openssl rand -hex 32}) when it is set — one key shared by every
 * replica, from a Secret, so a subject has the same pseudonym on all of them — otherwise from a file kept beside the
 * log ({@code decision-log.key}, created on first use, owner-only).
 */
public final class SubjectHasher {
    /** The environment variable holding the shared key. */
    public static final String KEY_ENV = "RAMPART_DECISION_LOG_KEY";
    private static final int MIN_KEY_BYTES = 32;
    private final byte[] key;

    private SubjectHasher(byte[] key) {
        this.key = key;
    }

    /** The key from {@value #KEY_ENV} when set, else the one in {@code dir}. */
    public static SubjectHasher forDirectory(Path dir) throws IOException {
        return forDirectory(dir, System::getenv);
    }

    /**
     * The key from the environment ({@code env} looks variables up) when {@value #KEY_ENV} is set, else the one in
     * {@code dir}.
     *
     * @throws IllegalArgumentException when the variable is set but is not at least 32 bytes of hex
     */
    public static SubjectHasher forDirectory(Path dir, java.util.function.UnaryOperator<String> env) throws IOException {
        String shared = env.apply(KEY_ENV);
        if (shared != null && !shared.isBlank()) {
            return new SubjectHasher(sharedKey(shared.trim()));
        }
        return fromFile(dir);
    }

    private static byte[] sharedKey(String hex) {
        if (hex.length() < 2 * MIN_KEY_BYTES || hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException(KEY_ENV + ": must be an even number of at least " + 2 * MIN_KEY_BYTES
                    + " hexadecimal characters (openssl rand -hex 32), but was " + hex.length() + " characters"
                    + (hex.matches("[0-9a-fA-F]*") ? "" : " with non-hexadecimal ones"));
        }
        return HexFormat.of().parseHex(hex);
    }

    private static SubjectHasher fromFile(Path dir) throws IOException {
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

    /**
     * The subject's pseudonym. The few subjects a gateway sees recur on every request (two records each), so the
     * pseudonyms of up to {@value #REMEMBERED} subjects are kept (then forgotten all at once) and the HMAC, keyed once
     * per thread, runs only for a subject not kept.
     */
    public String hash(String subject) {
        String known = remembered.get(subject);
        if (known != null) {
            return known;
        }
        String pseudonym = HexFormat.of().formatHex(mac.get().doFinal(subject.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
        if (remembered.size() >= REMEMBERED) {
            remembered.clear();
        }
        remembered.put(subject, pseudonym);
        return pseudonym;
    }

    private static final int REMEMBERED = 10_000;
    private final java.util.concurrent.ConcurrentHashMap<String, String> remembered =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::newMac);

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ThreadLocal<java.security.MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The text's SHA-256 in hex (the digest, one per thread, is reset by {@code digest}). */
    public static String textHash(String text) {
        return HexFormat.of().formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
