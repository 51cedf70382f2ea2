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
    private final String retryAfter;
    private final transient ContentFilterDetail contentFilter;

    private ApiFault(ApiError error, int status, String param, String message, String retryAfter,
                     ContentFilterDetail contentFilter) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.status = status;
        this.param = param;
        this.retryAfter = retryAfter;
        this.contentFilter = contentFilter;
    }

    /** The same fault advising the client when to retry ({@code Retry-After}: seconds or an HTTP date). */
    public ApiFault withRetryAfter(String value) {
        return new ApiFault(error, status, param, getMessage(), value, contentFilter);
    }

    /** A {@link ApiError#CONTENT_FILTER} fault that says why: the categories, the request id and the policy revision. */
    public static ApiFault contentFilter(String message, ContentFilterDetail detail) {
        return new ApiFault(ApiError.CONTENT_FILTER, ApiError.CONTENT_FILTER.status(), null, message, null,
                Objects.requireNonNull(detail, "detail"));
    }

    /** Why the content policy refused the request, or null (every other fault). */
    public ContentFilterDetail contentFilter() {
        return contentFilter;
    }

    /**
     * The {@code Retry-After} value sent with this fault: the one given, else {@value #DEFAULT_RETRY_AFTER_SECONDS}
     * second(s) for every 429 and 503 (a client that retries at once only adds load), else null.
     */
    public String retryAfter() {
        if (retryAfter != null) {
            return retryAfter;
        }
        return status == 429 || status == 503 ? Integer.toString(DEFAULT_RETRY_AFTER_SECONDS) : null;
    }

    /** The retry advice when no better one is known. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

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
        return new ApiFault(error, error.status(), param, message, null, null);
    }

    /** An error whose status is the upstream's own 4xx ({@link ApiError#UPSTREAM_REJECTED}). */
    public static ApiFault upstreamStatus(ApiError error, int status, String message) {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("an upstream status relayed as is must be 4xx, but was " + status);
        }
        return new ApiFault(error, status, null, message, null, null);
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
