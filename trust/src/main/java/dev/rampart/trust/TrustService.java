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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trust for callers: reads evidence from the store through a short-lived near-cache, fuses it with the caller's
 * authority, and records the outcome of each request. It never fails a request because of the store: when the store
 * cannot be read, the last cached evidence (or a stranger's) is used and the assessment is marked degraded.
 */
public final class TrustService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrustService.class);

    private final TrustStore store;
    private final TrustModel model;
    private final AuthorityMapping authority;
    private final Clock clock;
    private final Cache<String, Standing> nearCache;
    private final Cache<String, Standing> lastKnown;

    /** What is known of a subject: its evidence and any operator override of its authority trust. */
    private record Standing(Evidence evidence, java.util.Optional<Double> override) {
    }

    public TrustService(TrustStore store, TrustModel model, AuthorityMapping authority, Clock clock,
                        Duration nearCacheTtl, Ticker ticker) {
        this.store = store;
        this.model = model;
        this.authority = authority;
        this.clock = clock;
        this.nearCache = Caffeine.newBuilder().expireAfterWrite(nearCacheTtl).maximumSize(100_000).ticker(ticker).build();
        this.lastKnown = Caffeine.newBuilder().maximumSize(100_000).build();
        store.onInvalidate(subject -> {
            nearCache.invalidate(subject);
            lastKnown.invalidate(subject);
        });
    }

    /** How much the gateway trusts this caller now. Never completes exceptionally. */
    public CompletionStage<TrustAssessment> assess(Caller caller) {
        if (caller.anonymous()) {
            return CompletableFuture.completedFuture(TrustAssessment.STRICTEST);
        }
        double claimed = authority.authority(caller.authority());
        Standing cached = nearCache.getIfPresent(caller.subject());
        if (cached != null) {
            return CompletableFuture.completedFuture(assess(claimed, cached, false));
        }
        return standing(caller.subject()).handle((standing, failure) -> {
            if (failure != null) {
                LOG.warn("trust store unreadable ({}); using cached or stranger evidence", failure.getClass().getSimpleName());
                Standing fallback = lastKnown.getIfPresent(caller.subject());
                return assess(claimed, fallback != null ? fallback
                        : new Standing(Evidence.none(clock.instant()), java.util.Optional.empty()), true);
            }
            remember(caller.subject(), standing);
            return assess(claimed, standing, false);
        });
    }

    private CompletionStage<Standing> standing(String subject) {
        return store.read(subject).thenCombine(store.readOverride(subject), Standing::new);
    }

    private TrustAssessment assess(double claimed, Standing standing, boolean degraded) {
        double authorityTrust = standing.override().orElse(claimed);
        return model.assess(authorityTrust, model.direct(standing.evidence(), clock.instant()), false, degraded);
    }

    /** Sets an operator's authority override (null removes it); the caller logs the audit record. */
    public CompletionStage<Void> overrideAuthority(String subject, Double authorityTrust) {
        nearCache.invalidate(subject);
        return store.writeOverride(subject, authorityTrust).thenRun(() -> nearCache.invalidate(subject));
    }

    /** Records one request's outcome. Never completes exceptionally; a store failure is logged. */
    public CompletionStage<Void> record(Caller caller, Interaction interaction) {
        if (caller.anonymous()) {
            return CompletableFuture.completedFuture(null);
        }
        return store.record(caller.subject(), interaction, model).handle((after, failure) -> {
            if (failure != null) {
                LOG.warn("trust store write failed ({})", failure.getClass().getSimpleName());
            } else {
                Standing known = lastKnown.getIfPresent(caller.subject());
                if (known == null) {
                    nearCache.invalidate(caller.subject());
                } else {
                    remember(caller.subject(), new Standing(after, known.override()));
                }
            }
            return null;
        });
    }

    /** Why a subject has its trust: the authority part, the history part, recent events. */
    public CompletionStage<TrustExplanation> explain(Caller caller) {
        return assess(caller).thenCompose(a -> store.read(caller.subject())
                .thenCombine(store.recent(caller.subject(), 10), (evidence, recent) ->
                        new TrustExplanation(caller.subject(), a, model.decay(evidence, clock.instant()), recent)));
    }

    /** Forgets a subject everywhere this replica knows of it. */
    public CompletionStage<Void> forget(String subject) {
        nearCache.invalidate(subject);
        lastKnown.invalidate(subject);
        return store.forget(subject);
    }

    private void remember(String subject, Standing standing) {
        nearCache.put(subject, standing);
        lastKnown.put(subject, standing);
    }

    @Override
    public void close() {
        store.close();
    }

    /** An explanation of one subject's trust. */
    public record TrustExplanation(String subject, TrustAssessment assessment, Evidence evidence,
                                   List<Interaction> recent) {
    }
}
