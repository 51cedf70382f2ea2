package dev.rampart.gateway.server;

import dev.rampart.classifier.Classifier;
import dev.rampart.config.ConfigProblem;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.pipeline.CallerIdentifier;
import dev.rampart.gateway.pipeline.DecisionSink;
import dev.rampart.gateway.pipeline.GuardPipeline;
import dev.rampart.gateway.pipeline.Stages;
import dev.rampart.gateway.pipeline.TrustLookup;
import dev.rampart.gateway.policy.PolicyRuntime;
import dev.rampart.gateway.upstream.UpstreamRegistry;
import dev.rampart.policy.Policy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A running gateway: both listeners, the policy runtime, the upstreams. {@link #start} assembles it from a validated
 * {@link GatewayConfig}; {@link #close} stops accepting, lets open requests finish, and releases everything.
 */
public final class Gateway implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer publicServer;
    private final HttpServer adminServer;
    private final PolicyRuntime policies;
    private final UpstreamRegistry upstreams;
    private final GatewayMetrics metrics;
    private final Runnable onClose;

    private Gateway(Vertx vertx, HttpServer publicServer, HttpServer adminServer, PolicyRuntime policies,
                    UpstreamRegistry upstreams, GatewayMetrics metrics, Runnable onClose) {
        this.vertx = vertx;
        this.publicServer = publicServer;
        this.adminServer = adminServer;
        this.policies = policies;
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.onClose = onClose;
    }

    /**
     * What the gateway is built from besides its config: the parts other modules provide.
     *
     * @param trustService       the trust service behind {@code trust}, for the admin API; null when callers are anonymous
     * @param authorityBySubject configured authority attributes of API-key subjects, for the admin API
     */
    public record Parts(ClassifierRegistry classifiers, CallerIdentifier identifier, TrustLookup trust,
                        Clock clock, Runnable onClose, dev.rampart.trust.TrustService trustService,
                        java.util.Map<String, java.util.Map<String, String>> authorityBySubject,
                        dev.rampart.gateway.pipeline.RequestLimiter limiter) {
    }

    /** Starts a gateway; fails with {@link StartupException} (its message lists every problem) on bad policy. */
    public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Parts parts) {
        GatewayMetrics metrics = new GatewayMetrics();
        parts.classifiers().bindTo(metrics.registry());
        if (parts.limiter() instanceof dev.rampart.gateway.pipeline.TierRateLimiter limiter) {
            limiter.bindTo(metrics.registry());
        }
        io.micrometer.core.instrument.FunctionCounter.builder("rampart.trust.degraded", parts,
                        p -> p.trustService() == null ? 0 : p.trustService().degradedAssessments())
                .description("Trust assessments that fell back to the strictest tier: the store was unreadable or late")
                .register(metrics.registry());
        PolicyRuntime.Result loaded = PolicyRuntime.start(config.policy(), parts.classifiers()::classifiersFor, metrics,
                config.decisionLog().enabled()   // packs archived by revision beside the log that names them
                        ? new dev.rampart.gateway.policy.PackArchive(java.nio.file.Path.of(config.server().dataDir(),
                        "policies")) : null);
        if (loaded.runtime() == null) {
            return Future.failedFuture(new StartupException("policy " + config.policy().file() + " is invalid",
                    loaded.problems()));
        }
        PolicyRuntime policies = loaded.runtime();
        if (config.policy().watch()) {
            policies.watch(vertx, config.policy().watchIntervalMs());
        }
        dev.rampart.gateway.decisionlog.DecisionLog log = null;
        java.util.function.UnaryOperator<String> subjectHash = subject -> "unhashed";
        if (config.decisionLog().enabled()) {
            GatewayConfig.DecisionLogConfig d = config.decisionLog();
            java.nio.file.Path dir = java.nio.file.Path.of(config.server().dataDir(), "decisions");
            try {
                log = new dev.rampart.gateway.decisionlog.DecisionLog(dir, d.maxFileBytes(), d.keepFiles(), d.flushMs(),
                        d.maxQueued(), parts.clock());
                subjectHash = dev.rampart.gateway.decisionlog.SubjectHasher.forDirectory(dir)::hash;
            } catch (java.io.IOException e) {
                policies.close();
                return Future.failedFuture(new StartupException("cannot open the decision log in " + dir,
                        List.of(new ConfigProblem(dir.toString(), 0, "server.data_dir", e.getClass().getSimpleName()
                                + " (set server.data_dir to a writable directory, or decision_log.enabled: false)"))));
            } catch (IllegalArgumentException e) {
                policies.close();
                return Future.failedFuture(new StartupException("the decision-log key is invalid",
                        List.of(new ConfigProblem("RAMPART_DECISION_LOG_KEY", 0, "RAMPART_DECISION_LOG_KEY",
                                String.valueOf(e.getMessage())))));
            }
        }
        dev.rampart.gateway.decisionlog.DecisionLog decisionLog = log;
        dev.rampart.gateway.dashboard.DashboardState dashboard =
                new dev.rampart.gateway.dashboard.DashboardState(metrics.registry());
        UpstreamRegistry upstreams = new UpstreamRegistry(vertx, config.upstreams());
        upstreams.all().forEach(metrics::bindUpstream);
        if (decisionLog != null) {
            bindDecisionLog(decisionLog, metrics.registry());
        }
        boolean failClosed = config.decisionLog().failClosed();
        DecisionSink decisions = decisionLog == null ? dashboard : new DecisionSink() {
            @Override
            public void accept(dev.rampart.gateway.decisionlog.DecisionRecord record) {
                decisionLog.append(record);
                dashboard.accept(record);
            }

            @Override
            public boolean accepting() {
                return !failClosed || decisionLog.writable();
            }
        };
        GuardPipeline pipeline = Stages.pipeline(vertx, config, new Stages.Parts(parts.identifier(), parts.trust(),
                policies, upstreams, parts.classifiers()::rewardScorer, decisions, subjectHash, metrics, parts.clock(),
                parts.limiter()));
        GatewayConfig.Server s = config.server();
        HttpServerOptions publicOptions = new HttpServerOptions()
                .setHost(s.host())
                .setPort(s.port())
                .setMaxHeaderSize(s.maxHeaderBytes())
                .setMaxInitialLineLength(s.maxUriLength())
                .setIdleTimeout((int) s.idleTimeoutMs())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                // HTTP/1.1 only, as OpenAI clients speak it: no h2c upgrade, so graceful shutdown drains streams alike
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(false);
        HttpServer publicServer = vertx.createHttpServer(publicOptions)
                .requestHandler(new PublicRoutes(pipeline, upstreams, parts.clock(),
                        new RequestFraming(s.maxHeaders(), s.allowedHosts()), parts.identifier()))
                .invalidRequestHandler(new InvalidRequests());
        HttpServer adminServer = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(s.adminHost())
                        .setPort(s.adminPort())
                        .setIdleTimeout((int) s.idleTimeoutMs())
                        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
                .requestHandler(AdminRoutes.router(vertx, policies, metrics, parts, s.adminToken(), dashboard));
        return upstreams.startDiscovery()
                .compose(v -> publicServer.listen())
                .compose(v -> adminServer.listen())
                .map(v -> new Gateway(vertx, publicServer, adminServer, policies, upstreams, metrics, () -> {
                    parts.onClose().run();
                    if (decisionLog != null) {
                        decisionLog.close();
                    }
                }))
                .onFailure(e -> {
                    if (decisionLog != null) {
                        decisionLog.close();
                    }
                    publicServer.close();
                    adminServer.close();
                    upstreams.close();
                    policies.close();
                    parts.onClose().run();
                    metrics.close();
                });
    }

    /** The decision log's losses as metrics: never silent. */
    private static void bindDecisionLog(dev.rampart.gateway.decisionlog.DecisionLog log,
                                        io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.FunctionCounter.builder("rampart.decision_log.dropped", log,
                        dev.rampart.gateway.decisionlog.DecisionLog::dropped)
                .description("Decision records dropped because the writer's queue was full (decision_log.max_queued)")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("rampart.decision_log.write_failures", log,
                        dev.rampart.gateway.decisionlog.DecisionLog::writeFailures)
                .description("Decision-log writes or syncs that failed; the records of that batch are lost")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("rampart.decision_log.queued", log,
                        dev.rampart.gateway.decisionlog.DecisionLog::queued)
                .description("Decision records waiting for the writer")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("rampart.decision_log.writable", log, l -> l.writable() ? 1 : 0)
                .description("1 while the decision log records everything; 0 after a failed write or a drop")
                .register(registry);
    }

    public int publicPort() {
        return publicServer.actualPort();
    }

    public int adminPort() {
        return adminServer.actualPort();
    }

    public PolicyRuntime policies() {
        return policies;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Stops listening, waits (bounded) for open requests and streams to finish, then releases everything. */
    public Future<Void> shutdown(long graceMs) {
        return publicServer.shutdown(graceMs, TimeUnit.MILLISECONDS)
                .eventually(() -> adminServer.close())
                .eventually(() -> {
                    upstreams.close();
                    policies.close();
                    onClose.run();
                    metrics.close();
                    return Future.succeededFuture();
                }).mapEmpty();
    }

    @Override
    public void close() {
        shutdown(0);
    }

    /** The gateway could not start; the message and problems are meant for the operator. */
    public static final class StartupException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<ConfigProblem> problems;

        public StartupException(String message, List<ConfigProblem> problems) {
            super(message, null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<ConfigProblem> problems() {
            return problems;
        }
    }
}
