package dev.rampart.gateway.http;

import java.util.Objects;

/**
 * A fault that maps to an OpenAI-shaped error response: an {@link ApiError} from the catalogue, the message shown to
 * the client and the parameter at fault. Thrown or failed-with on purpose, so it carries no stack trace (cheap, like
 * Resilience4j's {@code CallNotPermittedException}). Its message must never contain prompt text, class names or stack
 * traces.
 */
public final class ApiFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ApiError error;
    private final int status;
    private final String param;

    private ApiFault(ApiError error, int status, String param, String message) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.status = status;
        this.param = param;
    }

    /** The error with its default message. */
    public static ApiFault of(ApiError error) {
        return of(error, null, error.defaultMessage());
    }

    public static ApiFault of(ApiError error, String message) {
        return of(error, null, message);
    }

    public static ApiFault of(ApiError error, String param, String message) {
        if (error.status() == 0) {
            throw new IllegalArgumentException(error + " relays the upstream's status: use upstreamStatus");
        }
        return new ApiFault(error, error.status(), param, message);
    }

    /** An error whose status is the upstream's own 4xx ({@link ApiError#UPSTREAM_REJECTED}). */
    public static ApiFault upstreamStatus(ApiError error, int status, String message) {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("an upstream status relayed as is must be 4xx, but was " + status);
        }
        return new ApiFault(error, status, null, message);
    }

    public ApiError error() {
        return error;
    }

    public int status() {
        return status;
    }

    public String type() {
        return error.type().wireName();
    }

    public String code() {
        return error.code();
    }

    public String param() {
        return param;
    }
}
