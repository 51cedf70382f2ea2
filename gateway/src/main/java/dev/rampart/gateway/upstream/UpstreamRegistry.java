package dev.rampart.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All configured upstreams, and which one serves which model. A model is routed to the first upstream that lists it,
 * then to the first that discovered it at {@code GET /models}, then to the first with the wildcard {@code *}.
 * Unknown models are not routed anywhere: no outbound connection is made for them.
 */
public final class UpstreamRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final Map<String, UpstreamEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Set<String>> discovered = new ConcurrentHashMap<>();
    private final List<Long> timers = new ArrayList<>();

    public UpstreamRegistry(Vertx vertx, List<GatewayConfig.Upstream> upstreams) {
        this.vertx = vertx;
        for (GatewayConfig.Upstream u : upstreams) {
            endpoints.put(u.name(), new UpstreamEndpoint(vertx, u));
        }
    }

    /** Discovers models of every upstream that asks for it, then keeps refreshing them. Never fails. */
    public Future<Void> startDiscovery() {
        List<Future<Void>> first = new ArrayList<>();
        for (UpstreamEndpoint endpoint : endpoints.values()) {
            if (endpoint.config().discoverModels()) {
                first.add(discover(endpoint));
                timers.add(vertx.setPeriodic(endpoint.config().modelRefreshMs(), id -> discover(endpoint)));
            }
        }
        return Future.join(first).mapEmpty().otherwiseEmpty().mapEmpty();
    }

    private Future<Void> discover(UpstreamEndpoint endpoint) {
        return endpoint.get("/models").map(body -> {
            Set<String> models = new TreeSet<>();
            try {
                JsonNode data = JSON.readTree(body.getBytes()).path("data");
                for (JsonNode model : data) {
                    if (model.path("id").isTextual()) {
                        models.add(model.path("id").textValue());
                    }
                }
            } catch (IOException e) {
                LOG.warn("upstream={} model discovery: unreadable /models answer", endpoint.name());
                return null;
            }
            discovered.put(endpoint.name(), Set.copyOf(models));
            LOG.info("upstream={} discovered {} models", endpoint.name(), models.size());
            return (Void) null;
        }).recover(e -> {
            LOG.warn("upstream={} model discovery failed: {}", endpoint.name(), e.getClass().getSimpleName());
            return Future.succeededFuture();
        });
    }

    /** The upstream serving this model, if any. */
    public Optional<UpstreamEndpoint> route(String model) {
        for (UpstreamEndpoint e : endpoints.values()) {
            if (e.config().models().contains(model)) {
                return Optional.of(e);
            }
        }
        for (UpstreamEndpoint e : endpoints.values()) {
            if (discovered.getOrDefault(e.name(), Set.of()).contains(model)) {
                return Optional.of(e);
            }
        }
        for (UpstreamEndpoint e : endpoints.values()) {
            if (e.config().models().contains("*")) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public Optional<UpstreamEndpoint> byName(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    /** Every model id served, with the upstream that owns it (wildcards are not listed). */
    public Map<String, String> models() {
        Map<String, String> out = new LinkedHashMap<>();
        for (UpstreamEndpoint e : endpoints.values()) {
            for (String m : e.config().models()) {
                if (!"*".equals(m)) {
                    out.putIfAbsent(m, e.name());
                }
            }
        }
        for (UpstreamEndpoint e : endpoints.values()) {
            for (String m : discovered.getOrDefault(e.name(), Set.of())) {
                out.putIfAbsent(m, e.name());
            }
        }
        return out;
    }

    public List<UpstreamEndpoint> all() {
        return List.copyOf(endpoints.values());
    }

    @Override
    public void close() {
        timers.forEach(vertx::cancelTimer);
        endpoints.values().forEach(UpstreamEndpoint::close);
    }
}
