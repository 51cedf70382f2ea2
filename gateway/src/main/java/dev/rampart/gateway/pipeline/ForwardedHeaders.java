package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import io.vertx.core.MultiMap;

/**
 * The request headers the upstream receives from the client's call besides the body and credentials: the request id
 * ({@code x-request-id}, so the upstream's logs carry the gateway's id) and the caller's headers the upstream's
 * {@code forward_client_headers} allow-list names ({@code OpenAI-Organization}, {@code OpenAI-Project}). Nothing else
 * of the client's crosses.
 */
final class ForwardedHeaders {
    static final int MAX_VALUE_LENGTH = 128;

    private ForwardedHeaders() {
    }

    /**
     * The headers for one upstream.
     *
     * @throws ApiFault {@code 400 invalid_header} when an allow-listed header's value is not an organization or
     *                  project id (1 to {@value #MAX_VALUE_LENGTH} characters of {@code [A-Za-z0-9_-]})
     */
    static MultiMap of(ClientCall call, GatewayConfig.Upstream upstream) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        out.set(ClientCall.REQUEST_ID_HEADER, call.id());
        for (String name : upstream.forwardClientHeaders()) {
            String value = call.request().getHeader(name);
            if (value == null) {
                continue;
            }
            if (!identifier(value)) {
                throw ApiFault.of(ApiError.INVALID_HEADER, name, "The " + name + " header must be 1 to "
                        + MAX_VALUE_LENGTH + " letters, digits, '_' or '-'.");
            }
            out.set(name, value);
        }
        return out;
    }

    private static boolean identifier(String v) {
        return HeaderValues.plain(v, MAX_VALUE_LENGTH, "_-");
    }
}
