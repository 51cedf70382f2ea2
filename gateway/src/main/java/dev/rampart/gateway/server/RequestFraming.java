package dev.rampart.gateway.server;

import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks on the request head before any route runs: framing that intermediaries may read differently (a transfer
 * coding other than {@code chunked}), a header flood, and a {@code Host} outside the allow-list (DNS rebinding). The
 * codec itself already refuses {@code Content-Length} beside {@code Transfer-Encoding} and oversized heads
 * ({@link InvalidRequests}).
 */
final class RequestFraming {
    private final int maxHeaders;
    private final List<String> allowedHosts;

    RequestFraming(int maxHeaders, List<String> allowedHosts) {
        this.maxHeaders = maxHeaders;
        this.allowedHosts = List.copyOf(allowedHosts);
    }

    /** Why the request must be refused, with whether the connection must close; empty when it may proceed. */
    Optional<Refusal> check(HttpServerRequest request) {
        if (request.headers().size() > maxHeaders) {
            return Optional.of(new Refusal(ApiFault.of(ApiError.HEADERS_TOO_LARGE,
                    "The request has more than " + maxHeaders + " headers."), true));
        }
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!codings.isEmpty() && !(codings.size() == 1 && codings.get(0).trim().equalsIgnoreCase("chunked"))) {
            return Optional.of(new Refusal(ApiFault.of(ApiError.BAD_REQUEST,
                    "Transfer-Encoding must be exactly 'chunked' when present."), true));
        }
        if (!allowedHosts.isEmpty()) {
            String host = hostName(request.headers().get(HttpHeaders.HOST));
            if (host == null || !allowedHosts.contains(host)) {
                return Optional.of(new Refusal(ApiFault.of(ApiError.INVALID_HEADER, "host",
                        "The Host header names a host this gateway does not serve."), false));
            }
        }
        return Optional.empty();
    }

    /** The host part of a {@code Host} header, lower-cased, without the port; null when absent or blank. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** A refusal: the error to answer and whether to close the connection after it (framing may be unreliable). */
    record Refusal(ApiFault fault, boolean close) {
    }
}
