package dev.rampart.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Reading configuration and load problems in tests: the lines of a refusal, and YAML mappings written inline. */
public final class Problems {
    private Problems() {
    }

    /** The problems, one per line, of the {@link IllegalArgumentException} that {@code call} must throw. */
    public static List<String> thrownBy(ThrowingCallable call, String expected) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, call);
        assertThat(e).as(expected).isNotNull();
        return List.of(e.getMessage().split("\n"));
    }

    /** A parsed-YAML mapping from alternating keys and values, in order. */
    public static Map<String, Object> yaml(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
