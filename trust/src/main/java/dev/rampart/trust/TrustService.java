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
    private final Cache<String, Evidence> nearCache;
    private final Cache<String, Evidence> lastKnown;

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
        double authorityTrust = authority.authority(caller.authority());
        Evidence cached = nearCache.getIfPresent(caller.subject());
        if (cached != null) {
            return CompletableFuture.completedFuture(assess(authorityTrust, cached, false));
        }
        return store.read(caller.subject()).handle((evidence, failure) -> {
            if (failure != null) {
                LOG.warn("trust store unreadable ({}); using cached or stranger evidence", failure.getClass().getSimpleName());
                Evidence fallback = lastKnown.getIfPresent(caller.subject());
                return assess(authorityTrust, fallback != null ? fallback : Evidence.none(clock.instant()), true);
            }
            remember(caller.subject(), evidence);
            return assess(authorityTrust, evidence, false);
        });
    }

    private TrustAssessment assess(double authorityTrust, Evidence evidence, boolean degraded) {
        return model.assess(authorityTrust, model.direct(evidence, clock.instant()), false, degraded);
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
                remember(caller.subject(), after);
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

    private void remember(String subject, Evidence evidence) {
        nearCache.put(subject, evidence);
        lastKnown.put(subject, evidence);
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
