package dev.rampart.gateway.http;

/**
 * A fault that maps to an OpenAI-shaped error response. Thrown or failed-with on purpose, so it carries no stack
 * trace (cheap, like Resilience4j's {@code CallNotPermittedException}). Its message is shown to the client: it must
 * never contain prompt text, class names or stack traces.
 */
public final class ApiFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public ApiFault(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static ApiFault invalidRequest(String param, String message) {
        return new ApiFault(400, "invalid_request_error", "invalid_request", param, message);
    }

    public static ApiFault invalidRequest(String param, String code, String message) {
        return new ApiFault(400, "invalid_request_error", code, param, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
