package dev.rampart.trust;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rampart.trust.identity.AuthorityMapping;
import dev.rampart.trust.model.Evidence;
import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.TrustModel;
import dev.rampart.trust.store.TrustStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trust for callers: reads evidence from the store through a short-lived near-cache, fuses it with the caller's
 * authority, and records the outcome of each request.
 *
 * <p>History and operator overrides live at the principal's level (the API key or JWT subject): every interaction of
 * the principal counts there, whatever {@code user} it named, so a fresh {@code user} string resets nothing. A
 * {@code user} also gets a sub-history (at most {@code maxSubSubjects} per principal; beyond that only the principal's
 * history is kept), and the caller's trust is the <em>stricter</em> of the principal's and the sub-subject's, the
 * sub-subject's authority being the principal's unless an operator overrode the sub-subject itself.
 *
 * <p>It never fails a request because of the store, and never fails open: when the store cannot be read within
 * {@code readTimeout} (operators' explanations: up to 2 s), the strictest tier applies, the assessment is marked degraded and counted
 * ({@link #degradedAssessments()}).
 */
public final class TrustService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrustService.class);
    /** Operators' explanations may wait longer than a request (a cold connection), never indefinitely. */
    private static final Duration EXPLAIN_TIMEOUT = Duration.ofSeconds(2);

    private final TrustStore store;
    private final TrustModel model;
    private final AuthorityMapping authority;
    private final Clock clock;
    private final Duration readTimeout;
    private final int maxSubSubjects;
    private final Cache<String, Standing> nearCache;
    private final LongAdder degraded = new LongAdder();

    /** What is known of a subject: its evidence and any operator override of its authority trust. */
    public record Standing(Evidence evidence, Optional<Double> override) {
    }

    public TrustService(TrustStore store, TrustModel model, AuthorityMapping authority, Clock clock,
                        Duration nearCacheTtl, Ticker ticker) {
        this(store, model, authority, clock, nearCacheTtl, ticker, TrustConfig.DEFAULTS.readTimeout(),
                TrustConfig.DEFAULTS.maxSubSubjects());
    }

    public TrustService(TrustStore store, TrustModel model, AuthorityMapping authority, Clock clock,
                        Duration nearCacheTtl, Ticker ticker, Duration readTimeout, int maxSubSubjects) {
        this.store = store;
        this.model = model;
        this.authority = authority;
        this.clock = clock;
        this.readTimeout = readTimeout;
        this.maxSubSubjects = maxSubSubjects;
        this.nearCache = Caffeine.newBuilder().expireAfterWrite(nearCacheTtl).maximumSize(100_000).ticker(ticker).build();
        store.onInvalidate(nearCache::invalidate);
    }

    /** How much the gateway trusts this caller now. Never completes exceptionally. */
    public CompletionStage<TrustAssessment> assess(Caller caller) {
        if (caller.anonymous()) {
            return CompletableFuture.completedFuture(TrustAssessment.STRICTEST);
        }
        double claimed = authority.authority(caller.authority());
        CompletionStage<Standing> principal = cachedStanding(caller.subject());
        CompletionStage<TrustAssessment> assessed = caller.user() == null
                ? principal.thenApply(p -> principalLevel(claimed, p))
                : principal.thenCombine(cachedStanding(caller.subSubject()), (p, s) -> {
                    TrustAssessment principalLevel = principalLevel(claimed, p);
                    return stricter(principalLevel, subLevel(principalLevel.authority(), s));
                });
        return assessed.exceptionally(failure -> {
            degraded.increment();
            LOG.warn("trust store unreadable ({}); the strictest tier applies", rootName(failure));
            return TrustAssessment.DEGRADED;
        });
    }

    /** How many assessments fell back to the strictest tier because the store could not be read in time. */
    public long degradedAssessments() {
        return degraded.sum();
    }

    private TrustAssessment principalLevel(double claimed, Standing standing) {
        return model.assess(standing.override().orElse(claimed), model.direct(standing.evidence(), clock.instant()),
                false, false);
    }

    private TrustAssessment subLevel(double principalAuthority, Standing standing) {
        return model.assess(standing.override().orElse(principalAuthority),
                model.direct(standing.evidence(), clock.instant()), false, false);
    }

    private static TrustAssessment stricter(TrustAssessment a, TrustAssessment b) {
        return b.score() < a.score() ? b : a;
    }

    private CompletionStage<Standing> cachedStanding(String subject) {
        Standing cached = nearCache.getIfPresent(subject);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return standing(subject).thenApply(s -> {
            nearCache.put(subject, s);
            return s;
        });
    }

    private CompletionStage<Standing> standing(String subject) {
        return standing(subject, readTimeout);
    }

    private CompletionStage<Standing> standing(String subject, Duration timeout) {
        return timed(store.read(subject), timeout).thenCombine(timed(store.readOverride(subject), timeout),
                Standing::new);
    }

    /** A store read bounded by {@code readTimeout}; a late read fails with a {@code TimeoutException}. */
    private <T> CompletableFuture<T> timed(CompletionStage<T> read) {
        return timed(read, readTimeout);
    }

    private <T> CompletableFuture<T> timed(CompletionStage<T> read, Duration timeout) {
        CompletableFuture<T> bounded = new CompletableFuture<>();
        read.whenComplete((value, failure) -> {
            if (failure != null) {
                bounded.completeExceptionally(failure);
            } else {
                bounded.complete(value);
            }
        });
        return bounded.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sets an operator's authority override (null removes it) on a principal or a sub-subject. */
    public CompletionStage<Void> overrideAuthority(String subject, Double authorityTrust) {
        nearCache.invalidate(subject);
        return store.writeOverride(subject, authorityTrust).thenRun(() -> nearCache.invalidate(subject));
    }

    /**
     * Records one request's outcome under the principal and, if the caller named a {@code user}, under its
     * sub-subject (when the principal's list of sub-subjects has room). Never completes exceptionally.
     */
    public CompletionStage<Void> record(Caller caller, Interaction interaction) {
        if (caller.anonymous()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<Void> principal = recordUnder(caller.subject(), interaction);
        if (caller.user() == null) {
            return principal;
        }
        String sub = caller.subSubject();
        CompletionStage<Void> subRecord = store.addSubSubject(caller.subject(), sub, maxSubSubjects)
                .thenCompose(kept -> kept ? recordUnder(sub, interaction) : CompletableFuture.<Void>completedFuture(null))
                .exceptionally(failure -> {
                    LOG.warn("trust store write failed ({})", rootName(failure));
                    return null;
                });
        return principal.thenCombine(subRecord, (a, b) -> null);
    }

    private CompletionStage<Void> recordUnder(String subject, Interaction interaction) {
        return store.record(subject, interaction, model).handle((after, failure) -> {
            if (failure != null) {
                LOG.warn("trust store write failed ({})", rootName(failure));
                nearCache.invalidate(subject);
            } else {
                Standing known = nearCache.getIfPresent(subject);
                if (known != null) {
                    nearCache.put(subject, new Standing(after, known.override()));
                }
            }
            return null;
        });
    }

    /**
     * Why a subject (principal or sub-subject) has its trust: both levels' authority, history, override and recent
     * events, and a principal's sub-subjects. {@code claimed} is the principal's authority-verified attributes as
     * configured (empty for JWT principals, whose claims the admin cannot see). With the store unreadable, the
     * degraded assessment is answered. Never completes exceptionally.
     */
    public CompletionStage<TrustExplanation> explain(String subject, Map<String, String> claimed) {
        String principal = Subjects.principal(subject);
        double claimedTrust = authority.authority(claimed);
        CompletableFuture<Level> principalLevel = level(principal, null, claimedTrust);
        CompletableFuture<Level> subLevel = Subjects.isSub(subject)
                ? principalLevel.thenCompose(p -> level(subject, p.assessment().authority(), claimedTrust))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<List<String>> subs = Subjects.isSub(subject)
                ? CompletableFuture.completedFuture(List.of())
                : timed(store.subSubjects(principal), explainTimeout()).thenApply(l -> l.stream().sorted().toList());
        return principalLevel.thenCombine(subLevel, (p, s) -> new TrustExplanation(subject,
                        s == null ? p.assessment() : stricter(p.assessment(), s.assessment()), p, s, List.<String>of()))
                .thenCombine(subs, (e, list) -> new TrustExplanation(e.subject(), e.assessment(), e.principal(),
                        e.sub(), list))
                .exceptionally(failure -> {
                    degraded.increment();
                    LOG.warn("trust store unreadable ({}); explaining the degraded assessment", rootName(failure));
                    return new TrustExplanation(subject, TrustAssessment.DEGRADED, null, null, List.of());
                });
    }

    private CompletableFuture<Level> level(String subject, Double principalAuthority, double claimed) {
        return standing(subject, explainTimeout()).thenCombine(timed(store.recent(subject, 10), explainTimeout()),
                (standing, recent) -> {
            double a = standing.override().orElse(principalAuthority == null ? claimed : principalAuthority);
            TrustAssessment assessment = model.assess(a, model.direct(standing.evidence(), clock.instant()), false,
                    false);
            return new Level(subject, assessment, model.decay(standing.evidence(), clock.instant()),
                    standing.override(), recent);
        }).toCompletableFuture();
    }

    private Duration explainTimeout() {
        return readTimeout.compareTo(EXPLAIN_TIMEOUT) > 0 ? readTimeout : EXPLAIN_TIMEOUT;
    }

    /** Forgets a subject everywhere this replica knows of it; a principal's sub-subjects with it. */
    public CompletionStage<Void> forget(String subject) {
        nearCache.invalidate(subject);
        if (Subjects.isSub(subject)) {
            return store.forget(subject)
                    .thenCompose(v -> store.removeSubSubject(Subjects.principal(subject), subject));
        }
        return store.subSubjects(subject).thenCompose(subs -> {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (String sub : subs) {
                nearCache.invalidate(sub);
                all.add(store.forget(sub).toCompletableFuture());
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        }).thenCompose(v -> store.forget(subject)).thenRun(() -> nearCache.invalidate(subject));
    }

    private static String rootName(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    @Override
    public void close() {
        store.close();
    }

    /**
     * One level of a subject's trust.
     *
     * @param subject    the principal or sub-subject
     * @param assessment this level's own assessment (a sub-subject's authority is its principal's unless overridden)
     * @param evidence   the level's evidence, decayed to now
     * @param override   the operator's authority override at this level, if any
     * @param recent     the most recent interactions, newest first
     */
    public record Level(String subject, TrustAssessment assessment, Evidence evidence, Optional<Double> override,
                        List<Interaction> recent) {
    }

    /**
     * An explanation of one subject's trust.
     *
     * @param subject     the subject asked about
     * @param assessment  the effective assessment (the stricter of the two levels for a sub-subject)
     * @param principal   the principal's level, or null when the store could not be read
     * @param sub         the sub-subject's level, or null (a principal was asked about, or the store is unreadable)
     * @param subSubjects a principal's sub-subjects, sorted (empty for a sub-subject)
     */
    public record TrustExplanation(String subject, TrustAssessment assessment, Level principal, Level sub,
                                   List<String> subSubjects) {
    }
}
