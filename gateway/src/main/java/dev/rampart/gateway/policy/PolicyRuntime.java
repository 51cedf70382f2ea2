package dev.rampart.gateway.policy;

import dev.rampart.classifier.Classifier;
import dev.rampart.config.ConfigProblem;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import dev.rampart.policy.PolicySet;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the policies in force — the default pack and the packs bound to keys, tenants and models — each with the
 * classifiers built for its taxonomy, and hot-reloads them. The watcher fingerprints every policy file and every YAML
 * file beside it (so {@code extends} chains and the symlink swap Kubernetes does for ConfigMaps are both seen); a
 * valid change to the whole set is swapped in atomically, an invalid one is logged with its full validation report,
 * counted, and the old set keeps serving.
 *
 * <p>A shadow pack ({@code policy.shadow}) is loaded and reloaded with the set and decided beside the default pack
 * ({@link GuardState.Shadow}): on the live classifiers' scores when its taxonomy is the default pack's, else with
 * classifiers built for it. Every pack loaded is archived by revision ({@link PackArchive}) when an archive is given.
 */
public final class PolicyRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRuntime.class);
    public static final String BUILTIN_DEFAULT = PolicyLoader.BUILTIN_DEFAULT;
    private static final long RETIRE_AFTER_MS = 60_000;

    private final GatewayConfig.PolicySource source;
    private final Function<Policy, List<Classifier>> classifierFactory;
    private final GatewayMetrics metrics;
    private final PackArchive archive;
    private final AtomicReference<PolicySet<GuardState>> state = new AtomicReference<>();
    private volatile String fingerprint;
    private Vertx vertx;
    private long timer = -1;

    private PolicyRuntime(GatewayConfig.PolicySource source, Function<Policy, List<Classifier>> classifierFactory,
                          GatewayMetrics metrics, PackArchive archive) {
        this.source = source;
        this.archive = archive;
        this.classifierFactory = classifierFactory;
        this.metrics = metrics;
    }

    public record Result(PolicyRuntime runtime, List<ConfigProblem> problems) {
    }

    /** Loads every pack once; the problems are returned instead when any is invalid. */
    public static Result start(GatewayConfig.PolicySource source, Function<Policy, List<Classifier>> classifierFactory,
                               GatewayMetrics metrics) {
        return start(source, classifierFactory, metrics, null);
    }

    /** Loads every pack once and archives each by revision in {@code archive} (null: no archive). */
    public static Result start(GatewayConfig.PolicySource source, Function<Policy, List<Classifier>> classifierFactory,
                               GatewayMetrics metrics, PackArchive archive) {
        PolicyRuntime runtime = new PolicyRuntime(source, classifierFactory, metrics, archive);
        runtime.fingerprint = runtime.fingerprint();
        Map<String, Policy> loaded = new LinkedHashMap<>();
        List<ConfigProblem> problems = runtime.loadAll(loaded);
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        PolicySet<GuardState> set;
        try {
            set = runtime.build(loaded);
        } catch (IllegalArgumentException e) {
            return new Result(null, List.of(new ConfigProblem(source.file(), 0, "", "classifiers for the policy: "
                    + e.getMessage())));
        }
        runtime.state.set(set);
        metrics.policyRevision(set.fallback().policy().revision());
        for (GuardState s : set.all()) {
            LOG.info("policy loaded name={} revision={}", s.policy().name(), s.policy().revision());
        }
        GuardState.Shadow shadow = set.fallback().shadow();
        if (shadow != null) {
            LOG.info("shadow policy loaded name={} revision={} shares_scores={}", shadow.policy().name(),
                    shadow.policy().revision(), shadow.sharesScores());
        }
        return new Result(runtime, List.of());
    }

    public static PolicyLoadResult load(String source) {
        return BUILTIN_DEFAULT.equals(source) ? PolicyLoader.loadDefault() : PolicyLoader.load(Path.of(source));
    }

    /** The default pack's state (readiness, moderations without a model). */
    public GuardState current() {
        return state.get().fallback();
    }

    /** The pack for a request: bound to its key, else its tenant, else its model, else the default. */
    public GuardState select(String keyId, String tenant, String model) {
        return state.get().select(keyId, tenant, model);
    }

    public boolean ready() {
        return state.get().all().stream().allMatch(GuardState::ready);
    }

    /** Starts watching the policy files (no-op when every pack is built in). Checks run on a worker thread. */
    public void watch(Vertx vertx, long intervalMs) {
        if (sources().stream().allMatch(BUILTIN_DEFAULT::equals)) {
            return;
        }
        this.vertx = vertx;
        timer = vertx.setPeriodic(intervalMs, id -> vertx.executeBlocking(() -> {
            checkForChange();
            return null;
        }, false));
    }

    /** Reloads if any file changed; returns whether a new set was swapped in. */
    public synchronized boolean checkForChange() {
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return false;
        }
        fingerprint = now;
        Map<String, Policy> loaded = new LinkedHashMap<>();
        List<ConfigProblem> problems = loadAll(loaded);
        PolicySet<GuardState> previous = state.get();
        if (!problems.isEmpty()) {
            LOG.warn("policy reload rejected: {} problems; keeping revision {}", problems.size(),
                    previous.fallback().policy().revision());
            problems.forEach(p -> LOG.warn("policy problem: {}", p));
            metrics.policyReload(false, null);
            return false;
        }
        Set<String> before = revisions(previous);
        Set<String> after = new LinkedHashSet<>();
        loaded.forEach((s, p) -> after.add(s.equals(source.shadow()) ? "shadow:" + p.revision() : p.revision()));
        if (before.equals(after)) {
            return false;
        }
        PolicySet<GuardState> next;
        try {
            next = build(loaded);
        } catch (IllegalArgumentException e) {
            LOG.warn("policy reload rejected: the classifiers refuse it ({}); keeping revision {}", e.getMessage(),
                    previous.fallback().policy().revision());
            metrics.policyReload(false, null);
            return false;
        }
        state.set(next);
        metrics.policyReload(true, next.fallback().policy().revision());
        LOG.info("policy reloaded revision={} (was {})", next.fallback().policy().revision(),
                previous.fallback().policy().revision());
        retire(previous, next);
        return true;
    }

    private List<String> sources() {
        List<String> all = new ArrayList<>();
        all.add(source.file());
        source.bindings().forEach(b -> all.add(b.source()));
        if (source.shadow() != null) {
            all.add(source.shadow());
        }
        return all;
    }

    private List<ConfigProblem> loadAll(Map<String, Policy> into) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String s : new LinkedHashSet<>(sources())) {
            PolicyLoadResult r = load(s);
            if (r instanceof PolicyLoadResult.Invalid invalid) {
                problems.addAll(invalid.problems());
            } else {
                Policy policy = ((PolicyLoadResult.Loaded) r).policy();
                into.put(s, policy);
                if (archive != null) {
                    archive.archive(s, policy);
                }
            }
        }
        return problems;
    }

    private PolicySet<GuardState> build(Map<String, Policy> loaded) {
        Map<String, GuardState> states = new LinkedHashMap<>();
        Set<String> live = new LinkedHashSet<>();
        live.add(source.file());
        source.bindings().forEach(b -> live.add(b.source()));
        loaded.forEach((s, policy) -> {
            if (live.contains(s)) {
                states.put(s, new GuardState(policy, classifierFactory.apply(policy)));
            }
        });
        GuardState fallback = states.get(source.file());
        if (source.shadow() != null) {
            Policy shadow = loaded.get(source.shadow());
            boolean shared = shadow.categories().equals(fallback.policy().categories());
            fallback = fallback.withShadow(new GuardState.Shadow(shadow,
                    shared ? List.of() : classifierFactory.apply(shadow)));
            states.put(source.file(), fallback);
            fallback.shadow().classifiers().forEach(c -> metrics.registerClassifier(c.name()));
        }
        states.values().forEach(state -> state.classifiers().forEach(c -> metrics.registerClassifier(c.name())));
        states.values().forEach(state -> metrics.registerRules(state.policy()));
        return PolicySet.of(fallback, source.bindings(), states::get);
    }

    private static Set<String> revisions(PolicySet<GuardState> set) {
        Set<String> out = new LinkedHashSet<>();
        set.all().forEach(s -> out.add(s.policy().revision()));
        GuardState.Shadow shadow = set.fallback().shadow();
        if (shadow != null) {
            out.add("shadow:" + shadow.policy().revision());
        }
        return out;
    }

    private void retire(PolicySet<GuardState> previous, PolicySet<GuardState> next) {
        List<Classifier> retired = new ArrayList<>();
        previous.all().forEach(s -> retired.addAll(classifiersOf(s)));
        next.all().forEach(s -> retired.removeAll(classifiersOf(s)));
        if (retired.isEmpty() || vertx == null) {
            return;
        }
        vertx.setTimer(RETIRE_AFTER_MS, id -> retired.forEach(Classifier::close)); // in-flight requests may use them
    }

    private static List<Classifier> classifiersOf(GuardState s) {
        List<Classifier> all = new ArrayList<>(s.classifiers());
        if (s.shadow() != null) {
            all.addAll(s.shadow().classifiers());
        }
        return all;
    }

    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            for (String s : new LinkedHashSet<>(sources())) {
                if (BUILTIN_DEFAULT.equals(s)) {
                    continue;
                }
                Path file = Path.of(s).toAbsolutePath();
                files.add(file);
                Path dir = file.getParent();
                if (dir != null && Files.isDirectory(dir)) {
                    try (Stream<Path> list = Files.list(dir)) {
                        list.filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml")).sorted().forEach(files::add);
                    }
                }
            }
            for (Path p : files) {
                digest.update(p.toString().getBytes());
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
        PolicySet<GuardState> last = state.get();
        if (last != null) {
            last.all().forEach(s -> classifiersOf(s).forEach(Classifier::close));
        }
    }
}
