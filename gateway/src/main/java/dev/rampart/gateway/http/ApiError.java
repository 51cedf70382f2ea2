package dev.rampart.gateway.http;

import java.util.Locale;

/**
 * Every error Rampart sends, with its HTTP status, OpenAI error {@code type} and {@code code} and a default message.
 * The one catalogue: nothing else builds an error from string literals. The README's error table is generated from
 * this enum ({@link #markdownTable()}) and a test keeps the two equal.
 */
public enum ApiError {
    // 400: the request is wrong
    INVALID_REQUEST(400, Type.INVALID_REQUEST, "invalid_request", "The request is invalid."),
    INVALID_JSON(400, Type.INVALID_REQUEST, "invalid_json",
            "We could not parse the JSON body of your request. The body must be a valid JSON object."),
    MISSING_REQUIRED_PARAMETER(400, Type.INVALID_REQUEST, "missing_required_parameter", "A required parameter is missing."),
    INVALID_TYPE(400, Type.INVALID_REQUEST, "invalid_type", "A parameter has the wrong type."),
    INVALID_VALUE(400, Type.INVALID_REQUEST, "invalid_value", "A parameter has an invalid value."),
    UNSUPPORTED_INPUT_FORMAT(400, Type.INVALID_REQUEST, "unsupported_input_format", "An input has an unsupported format."),
    INVALID_HEADER(400, Type.INVALID_REQUEST, "invalid_header", "A request header has an invalid value."),
    BAD_REQUEST(400, Type.INVALID_REQUEST, "bad_request", "The HTTP request is malformed."),
    UNCLASSIFIABLE_CONTENT(400, Type.INVALID_REQUEST, "unclassifiable_content",
            "The request holds content the gateway's guardrails cannot check."),
    CONTENT_FILTER(400, Type.INVALID_REQUEST, "content_filter", "The request was blocked by the content policy."),
    // 401 / 403 / 404 / 405: who and where
    INVALID_API_KEY(401, Type.INVALID_REQUEST, "invalid_api_key", "Invalid or missing API key."),
    INVALID_ADMIN_TOKEN(401, Type.INVALID_REQUEST, "invalid_admin_token", "Invalid admin token."),
    ADMIN_DISABLED(403, Type.INVALID_REQUEST, "admin_disabled", "The admin API is disabled."),
    NOT_FOUND(404, Type.INVALID_REQUEST, "not_found", "Unknown route."),
    MODEL_NOT_FOUND(404, Type.INVALID_REQUEST, "model_not_found",
            "The model does not exist or is not served by this gateway."),
    TRUST_DISABLED(404, Type.INVALID_REQUEST, "trust_disabled", "Trust is not enabled on this gateway."),
    METHOD_NOT_ALLOWED(405, Type.INVALID_REQUEST, "method_not_allowed", "Method not allowed on this route."),
    // 408 / 413 / 414 / 415 / 431: the HTTP request itself
    REQUEST_TIMEOUT(408, Type.INVALID_REQUEST, "request_timeout", "The request body was not received in time."),
    REQUEST_TOO_LARGE(413, Type.INVALID_REQUEST, "request_too_large", "The request body is too large."),
    URI_TOO_LONG(414, Type.INVALID_REQUEST, "uri_too_long", "The request URI is too long."),
    UNSUPPORTED_MEDIA_TYPE(415, Type.INVALID_REQUEST, "unsupported_media_type",
            "The request body must be JSON (Content-Type: application/json)."),
    HEADERS_TOO_LARGE(431, Type.INVALID_REQUEST, "headers_too_large", "The request headers are too large."),
    // 429: too much
    UPSTREAM_OVERLOADED(429, Type.RATE_LIMIT, "upstream_overloaded",
            "Too many concurrent requests to the upstream model service. Try again later."),
    // the upstream's own refusal, relayed with its status (4xx) when its body is not an OpenAI error
    UPSTREAM_RATE_LIMITED(429, Type.RATE_LIMIT, "upstream_error", "The upstream model service rejected the request (HTTP 429)."),
    UPSTREAM_REJECTED(0, Type.INVALID_REQUEST, "upstream_error", "The upstream model service rejected the request."),
    // 5xx: our side or the upstream's
    INTERNAL_ERROR(500, Type.SERVER, "internal_error", "The gateway failed to process the request."),
    UPSTREAM_ERROR(502, Type.SERVER, "upstream_error", "The upstream model service failed."),
    UPSTREAM_INVALID_RESPONSE(502, Type.SERVER, "upstream_invalid_response",
            "The upstream model service returned a response that is not JSON."),
    UPSTREAM_RESPONSE_TOO_LARGE(502, Type.SERVER, "upstream_response_too_large",
            "The upstream response exceeds the gateway's limit."),
    UPSTREAM_UNREACHABLE(502, Type.SERVER, "upstream_unreachable", "The upstream model service could not be reached."),
    UPSTREAM_AUTH_FAILED(502, Type.SERVER, "upstream_auth_failed",
            "The gateway could not authenticate to the upstream model service."),
    UPSTREAM_CONNECTION_CLOSED(502, Type.SERVER, "upstream_connection_closed",
            "The upstream model service closed the connection."),
    UPSTREAM_STREAM_FAILED(502, Type.SERVER, "upstream_stream_failed",
            "The upstream model service failed while streaming; the response is incomplete."),
    GUARDRAIL_UNAVAILABLE(503, Type.SERVER, "guardrail_unavailable",
            "A guardrail classifier is unavailable, so the request could not be checked and was not served. Try again later."),
    UPSTREAM_UNAVAILABLE(503, Type.SERVER, "upstream_unavailable",
            "The upstream model service is temporarily unavailable (circuit open). Try again later."),
    UPSTREAM_TIMEOUT(504, Type.SERVER, "upstream_timeout", "The upstream model service did not answer in time.");

    /** OpenAI's error types. */
    public enum Type {
        INVALID_REQUEST("invalid_request_error"), RATE_LIMIT("rate_limit_error"), SERVER("server_error");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final int status;
    private final Type type;
    private final String code;
    private final String defaultMessage;

    ApiError(int status, Type type, String code, String defaultMessage) {
        this.status = status;
        this.type = type;
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    /** The HTTP status; 0 where the upstream's status is relayed ({@link #UPSTREAM_REJECTED}). */
    public int status() {
        return status;
    }

    public Type type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** Whether the connection is closed after the error (the body may not have been read to its end). */
    public boolean closesConnection() {
        return this == REQUEST_TIMEOUT || this == REQUEST_TOO_LARGE;
    }

    /** The catalogue as the Markdown table the README shows. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| status | type | code | when |\n|---|---|---|---|\n");
        for (ApiError e : values()) {
            out.append("| ").append(e.status == 0 ? "the upstream's 4xx" : Integer.toString(e.status))
                    .append(" | `").append(e.type.wireName()).append("` | `").append(e.code).append("` | ")
                    .append(e.defaultMessage).append(" (`").append(e.name().toLowerCase(Locale.ROOT)).append("`)")
                    .append(" |\n");
        }
        return out.toString();
    }
}
