package dev.rampart.gateway.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ErrorBody;
import dev.rampart.gateway.http.FaultTable;
import dev.rampart.gateway.pipeline.CallerIdentifier;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.pipeline.GuardPipeline;
import dev.rampart.gateway.upstream.UpstreamRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Map;

/**
 * Dispatches the public port: the OpenAI routes through the {@link GuardPipeline}, {@code GET /v1/models} from
 * the upstream registry (to identified callers where identities are configured), {@code 405} with {@code Allow} for a wrong method, and a JSON {@code 404} for the rest.
 */
public final class PublicRoutes implements Handler<HttpServerRequest> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODELS = "/v1/models";

    private final GuardPipeline pipeline;
    private final UpstreamRegistry upstreams;
    private final Clock clock;
    private final RequestFraming framing;
    private final CallerIdentifier identifier;

    public PublicRoutes(GuardPipeline pipeline, UpstreamRegistry upstreams, Clock clock, RequestFraming framing,
                        CallerIdentifier identifier) {
        this.pipeline = pipeline;
        this.upstreams = upstreams;
        this.clock = clock;
        this.framing = framing;
        this.identifier = identifier;
    }

    @Override
    public void handle(HttpServerRequest request) {
        java.util.Optional<RequestFraming.Refusal> refused = framing.check(request);
        if (refused.isPresent()) {
            RequestFraming.Refusal refusal = refused.get();
            if (refusal.close()) {
                request.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            ErrorBody.send(request.response(), refusal.fault()).onComplete(ar -> {
                if (refusal.close()) {
                    request.connection().close();
                }
            });
            return;
        }
        String path = request.path();
        Endpoint endpoint = endpoint(path);
        if (endpoint != null) {
            if (request.method() != HttpMethod.POST) {
                methodNotAllowed(request, "POST");
                return;
            }
            pipeline.handle(endpoint, request);
            return;
        }
        if (MODELS.equals(path) || path.startsWith(MODELS + "/")) {
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                methodNotAllowed(request, "GET, HEAD");
                return;
            }
            // where callers must identify themselves, the model list is theirs to see too (it names the upstreams)
            identifier.identify(request, null).onComplete(identified -> {
                if (identified.failed()) {
                    error(request, FaultTable.toFault(identified.cause()));
                } else if (MODELS.equals(path)) {
                    listModels(request);
                } else {
                    oneModel(request, path.substring(MODELS.length() + 1));
                }
            });
            return;
        }
        error(request, ApiFault.of(ApiError.NOT_FOUND, "Unknown route. This gateway serves /v1/chat/completions, /v1/completions, /v1/responses, "
                        + "/v1/embeddings, /v1/moderations and /v1/models."));
    }

    private static Endpoint endpoint(String path) {
        for (Endpoint e : Endpoint.values()) {
            if (e.path().equals(path)) {
                return e;
            }
        }
        return null;
    }

    private void listModels(HttpServerRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (Map.Entry<String, String> m : upstreams.models().entrySet()) {
            data.add(model(m.getKey(), m.getValue()));
        }
        json(request, 200, root);
    }

    private void oneModel(HttpServerRequest request, String id) {
        String owner = upstreams.models().get(id);
        if (owner == null) {
            error(request, ApiFault.of(ApiError.MODEL_NOT_FOUND, "model", ApiError.MODEL_NOT_FOUND.defaultMessage()));
            return;
        }
        json(request, 200, model(id, owner));
    }

    private ObjectNode model(String id, String upstream) {
        ObjectNode model = JSON.createObjectNode();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", clock.instant().getEpochSecond());
        model.put("owned_by", upstream);
        return model;
    }

    private static void methodNotAllowed(HttpServerRequest request, String allow) {
        request.response().putHeader(HttpHeaders.ALLOW, allow);
        error(request, ApiFault.of(ApiError.METHOD_NOT_ALLOWED, "Method " + request.method().name() + " is not allowed on this route; use " + allow + "."));
    }

    static void error(HttpServerRequest request, ApiFault fault) {
        ErrorBody.send(request.response(), fault);
    }

    private static void json(HttpServerRequest request, int status, ObjectNode body) {
        request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.toString());
    }
}
