package dev.rampart.trust.store;

import dev.rampart.trust.model.Evidence;
import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.TrustModel;
import dev.rampart.trust.model.TrustModelConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store for several replicas: Redis. A record is one Lua script run atomically on the server (decay, add,
 * cap, idempotency by event id), so concurrent violations from many gateways are never lost or double-counted.
 * Forgetting a subject publishes an invalidation that every replica's near-cache listens to.
 */
public final class RedisTrustStore implements TrustStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisTrustStore.class);
    static final String CHANNEL = "rampart:trust:invalidate";
    /** Retries are recognised for 10 minutes, up to 10 000 events per subject. */
    private static final int SEEN_EVENTS = 10_000;
    private static final long SEEN_WINDOW_MS = 600_000;
    private static final String SCRIPT = script("/rampart/trust-record.lua");
    private static final String ADD_SUB_SCRIPT = script("/rampart/trust-add-sub.lua");

    private final Vertx vertx;
    private final Redis redis;
    private final RedisAPI api;
    private final Clock clock;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile RedisConnection subscriber;
    private volatile boolean closed;
    private long resubscribeTimer = -1;

    private RedisTrustStore(Vertx vertx, String uri, String password, Clock clock) {
        this.vertx = vertx;
        RedisOptions options = new RedisOptions().setConnectionString(uri).setMaxPoolSize(16).setMaxPoolWaiting(1024);
        if (password != null) {
            options.setPassword(password);
        }
        this.redis = Redis.createClient(vertx, options);
        this.api = RedisAPI.api(redis);
        this.clock = clock;
    }

    /** A store on {@code redis://host:port[/db]}; connects lazily, so an unreachable Redis does not stop start-up. */
    public static RedisTrustStore connect(Vertx vertx, String uri, Clock clock) {
        return connect(vertx, uri, null, clock);
    }

    /** As {@link #connect(Vertx, String, Clock)}, authenticating with {@code password} (Redis {@code requirepass}). */
    public static RedisTrustStore connect(Vertx vertx, String uri, String password, Clock clock) {
        RedisTrustStore store = new RedisTrustStore(vertx, uri, password, clock);
        store.subscribe();
        // opens a pooled connection now, so the first request's reads are not slowed by connecting
        store.api.ping(List.of()).onFailure(e -> LOG.debug("redis not reachable yet: {}", e.getClass().getSimpleName()));
        return store;
    }

    private static String script(String resource) {
        try (InputStream in = RedisTrustStore.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the trust Lua script " + resource + " is missing from the jar", e);
        }
    }

    private static String evidenceKey(String subject) {
        return "rampart:trust:{" + subject + "}:evidence";
    }

    private static String eventsKey(String subject) {
        return "rampart:trust:{" + subject + "}:events";
    }

    private static String seenKey(String subject) {
        return "rampart:trust:{" + subject + "}:seen";
    }

    @Override
    public CompletionStage<Evidence> read(String subject) {
        return api.get(evidenceKey(subject))
                .map(r -> EvidenceCodec.decode(r == null ? null : r.toString(), clock.instant()))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Evidence> record(String subject, Interaction interaction, TrustModel model) {
        TrustModelConfig c = model.config();
        List<String> args = List.of(SCRIPT, "3", evidenceKey(subject), eventsKey(subject), seenKey(subject),
                interaction.eventId(), Long.toString(interaction.at().toEpochMilli()), interaction.outcome().name(),
                Double.toString(interaction.severity()), EvidenceCodec.encode(interaction),
                Double.toString(c.cleanWeight()), Double.toString(c.flagWeight()), Double.toString(c.blockWeight()),
                Long.toString(c.positiveHalfLife().toMillis()), Long.toString(c.negativeHalfLife().toMillis()),
                Long.toString(c.gainWindow().toMillis()), Double.toString(c.maxGainPerWindow()),
                Integer.toString(EmbeddedTrustStore.RECENT_EVENTS), Integer.toString(SEEN_EVENTS),
                Long.toString(SEEN_WINDOW_MS));
        return api.eval(args).map(r -> EvidenceCodec.decode(r.toString(), clock.instant())).toCompletionStage();
    }

    @Override
    public CompletionStage<List<Interaction>> recent(String subject, int limit) {
        return api.lrange(eventsKey(subject), "0", Integer.toString(Math.max(0, limit - 1))).map(r -> {
            List<Interaction> out = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                out.add(EvidenceCodec.decodeEvent(r.get(i).toString()));
            }
            return out;
        }).toCompletionStage();
    }

    private static String subsKey(String principal) {
        return "rampart:trust:{" + principal + "}:subs";
    }

    private static String overrideKey(String subject) {
        return "rampart:trust:{" + subject + "}:override";
    }

    @Override
    public CompletionStage<java.util.Optional<Double>> readOverride(String subject) {
        return api.get(overrideKey(subject))
                .map(r -> java.util.Optional.ofNullable(r).map(x -> Double.valueOf(x.toString())))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Void> writeOverride(String subject, Double authority) {
        Future<Response> write = authority == null ? api.del(List.of(overrideKey(subject)))
                : api.set(List.of(overrideKey(subject), Double.toString(authority)));
        return write.compose(r -> api.publish(CHANNEL, subject)).<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public CompletionStage<Void> forget(String subject) {
        return api.del(List.of(evidenceKey(subject), eventsKey(subject), seenKey(subject), overrideKey(subject),
                        subsKey(subject)))
                .compose(r -> api.publish(CHANNEL, subject))
                .<Void>mapEmpty()
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> addSubSubject(String principal, String subSubject, int max) {
        return api.eval(List.of(ADD_SUB_SCRIPT, "1", subsKey(principal), subSubject, Integer.toString(max)))
                .map(r -> r.toInteger() == 1)
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<String>> subSubjects(String principal) {
        return api.smembers(subsKey(principal)).map(r -> {
            List<String> out = new ArrayList<>(r.size());
            r.forEach(x -> out.add(x.toString()));
            return out;
        }).toCompletionStage();
    }

    @Override
    public CompletionStage<Void> removeSubSubject(String principal, String subSubject) {
        return api.srem(List.of(subsKey(principal), subSubject)).<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public void onInvalidate(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Listens for invalidations on a dedicated connection, reconnecting every second while Redis is away. */
    private void subscribe() {
        if (closed) {
            return;
        }
        redis.connect().compose(conn -> {
            conn.handler(message -> deliver(message));
            conn.exceptionHandler(e -> resubscribeLater());
            conn.endHandler(v -> resubscribeLater());
            subscriber = conn;
            return conn.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL));
        }).onFailure(e -> resubscribeLater());
    }

    private void deliver(Response message) {
        if (message.type() == ResponseType.PUSH && message.size() == 3 && "message".equals(message.get(0).toString())) {
            String subject = message.get(2).toString();
            listeners.forEach(l -> l.accept(subject));
        }
    }

    private void resubscribeLater() {
        if (closed || resubscribeTimer >= 0) {
            return;
        }
        resubscribeTimer = vertx.setTimer(1000, id -> {
            resubscribeTimer = -1;
            subscribe();
        });
    }

    @Override
    public void close() {
        closed = true;
        RedisConnection s = subscriber;
        if (s != null) {
            s.close();
        }
        redis.close();
        LOG.debug("redis trust store closed");
    }

    /** Visible for tests: wipes the database. */
    Future<Response> flushAll() {
        return api.flushall(List.of());
    }
}
