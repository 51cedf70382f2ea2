package dev.rampart.gateway.policy;

import dev.rampart.classifier.Classifier;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.pipeline.GuardState;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import dev.rampart.policy.PolicyProblem;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the {@link GuardState} in force and hot-reloads it. The watcher fingerprints the policy file and every YAML
 * file beside it (so an {@code extends} chain and the symlink swap Kubernetes does for ConfigMaps are both seen);
 * a valid change is swapped in atomically, an invalid one is logged with its full validation report, counted, and
 * the old policy keeps serving.
 */
public final class PolicyRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRuntime.class);
    public static final String BUILTIN_DEFAULT = "builtin:default";
    private static final long RETIRE_AFTER_MS = 60_000;

    private final String source;
    private final Function<Policy, List<Classifier>> classifierFactory;
    private final GatewayMetrics metrics;
    private final AtomicReference<GuardState> state = new AtomicReference<>();
    private volatile String fingerprint;
    private Vertx vertx;
    private long timer = -1;

    private PolicyRuntime(String source, Function<Policy, List<Classifier>> classifierFactory, GatewayMetrics metrics) {
        this.source = source;
        this.classifierFactory = classifierFactory;
        this.metrics = metrics;
    }

    /** Loads the policy once; the problems are returned instead when it is invalid. */
    public static Result start(String source, Function<Policy, List<Classifier>> classifierFactory,
                               GatewayMetrics metrics) {
        PolicyRuntime runtime = new PolicyRuntime(source, classifierFactory, metrics);
        PolicyLoadResult loaded = load(source);
        if (loaded instanceof PolicyLoadResult.Invalid invalid) {
            return new Result(null, invalid.problems().stream().map(PolicyProblem::toString).toList());
        }
        Policy policy = ((PolicyLoadResult.Loaded) loaded).policy();
        runtime.fingerprint = runtime.fingerprint();
        runtime.state.set(new GuardState(policy, classifierFactory.apply(policy)));
        metrics.policyRevision(policy.revision());
        LOG.info("policy loaded name={} revision={} source={}", policy.name(), policy.revision(), source);
        return new Result(runtime, List.of());
    }

    public record Result(PolicyRuntime runtime, List<String> problems) {
    }

    public static PolicyLoadResult load(String source) {
        return BUILTIN_DEFAULT.equals(source) ? PolicyLoader.loadDefault() : PolicyLoader.load(Path.of(source));
    }

    public GuardState current() {
        return state.get();
    }

    /** Starts watching the policy files (no-op for the built-in policy). Checks run on a worker thread. */
    public void watch(Vertx vertx, long intervalMs) {
        if (BUILTIN_DEFAULT.equals(source)) {
            return;
        }
        this.vertx = vertx;
        timer = vertx.setPeriodic(intervalMs, id -> vertx.executeBlocking(() -> {
            checkForChange();
            return null;
        }, false));
    }

    /** Reloads if the files changed; returns whether a new policy was swapped in. Visible for tests. */
    public synchronized boolean checkForChange() {
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return false;
        }
        fingerprint = now;
        PolicyLoadResult loaded = load(source);
        if (loaded instanceof PolicyLoadResult.Invalid invalid) {
            LOG.warn("policy reload rejected source={} problems={}; keeping revision {}", source,
                    invalid.problems().size(), state.get().policy().revision());
            invalid.problems().forEach(p -> LOG.warn("policy problem: {}", p));
            metrics.policyReload(false, null);
            return false;
        }
        Policy policy = ((PolicyLoadResult.Loaded) loaded).policy();
        if (policy.revision().equals(state.get().policy().revision())) {
            return false;
        }
        GuardState next = new GuardState(policy, classifierFactory.apply(policy));
        GuardState previous = state.getAndSet(next);
        metrics.policyReload(true, policy.revision());
        LOG.info("policy reloaded revision={} (was {})", policy.revision(), previous.policy().revision());
        retire(previous, next);
        return true;
    }

    private void retire(GuardState previous, GuardState next) {
        List<Classifier> retired = new ArrayList<>(previous.classifiers());
        retired.removeAll(next.classifiers());
        if (retired.isEmpty()) {
            return;
        }
        Runnable close = () -> retired.forEach(Classifier::close);
        if (vertx != null) {
            vertx.setTimer(RETIRE_AFTER_MS, id -> close.run()); // requests in flight may still use them
        }
    }

    private String fingerprint() {
        if (BUILTIN_DEFAULT.equals(source)) {
            return BUILTIN_DEFAULT;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Path file = Path.of(source).toAbsolutePath();
            Path dir = file.getParent();
            List<Path> files = new ArrayList<>();
            files.add(file);
            if (dir != null && Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml"))
                            .sorted()
                            .forEach(files::add);
                }
            }
            for (Path p : files) {
                digest.update(p.getFileName().toString().getBytes());
                if (Files.isReadable(p)) {
                    digest.update(Files.readAllBytes(p));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable:" + e.getClass().getSimpleName();
        }
    }

    @Override
    public void close() {
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
        GuardState last = state.get();
        if (last != null) {
            last.classifiers().forEach(Classifier::close);
        }
    }
}
