package dev.rampart.trust.identity;

import dev.rampart.trust.Caller;
import dev.rampart.trust.Subjects;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Authenticates {@code Authorization: Bearer <key>} against configured API keys. With no keys configured every caller
 * is anonymous (the strictest tier); with keys configured a missing or unknown key is rejected. Keys are compared by
 * hash in constant time over every configured key, so timing reveals neither which key nor how much matched.
 * The OpenAI {@code user} field names a sub-history under the key's subject: it can make the caller stricter, never
 * reset the key's history or touch another caller's trust.
 */
public final class ApiKeyAuthenticator {
    private static final String BEARER = "bearer ";
    private final List<ApiKey> keys;
    private final byte[][] hashes;

    public ApiKeyAuthenticator(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
        this.hashes = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            hashes[i] = HexFormat.of().parseHex(keys.get(i).sha256());
        }
    }

    /** Whether no key is configured (every caller is anonymous). */
    public boolean open() {
        return keys.isEmpty();
    }

    public AuthResult authenticate(String authorization, String openAiUser) {
        if (open()) {
            return new AuthResult.Authenticated(Caller.ANONYMOUS);
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new AuthResult.Rejected("Missing API key: send 'Authorization: Bearer <key>'.");
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
        int match = -1;
        for (int i = 0; i < hashes.length; i++) {
            boolean equal = MessageDigest.isEqual(presented, hashes[i]);
            match = equal && match < 0 ? i : match;
        }
        if (match < 0) {
            return new AuthResult.Rejected("Incorrect API key provided.");
        }
        ApiKey key = keys.get(match);
        return new AuthResult.Authenticated(new Caller(key.subject(), key.tenant(), key.id(), key.authority(), false,
                Subjects.sanitize(openAiUser)));
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
