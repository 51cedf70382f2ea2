package dev.rampart.trust.store;

import dev.rampart.trust.model.Evidence;
import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.TrustModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The single-node store: an H2 MVStore file. All writes go through one writer thread, so a subject's
 * read-modify-write is atomic without locks and the event loop never blocks. MVStore's copy-on-write pages never
 * overwrite committed data, and it commits in the background at least every {@code commitDelayMs}
 * (default 500 ms): a {@code kill -9} loses at most that much and never corrupts the file.
 */
public final class EmbeddedTrustStore implements TrustStore {
    static final int RECENT_EVENTS = 20;
    private static final int SEEN_EVENTS = 256;

    private final MVStore store;
    private final MVMap<String, String> evidence;
    private final MVMap<String, String> events;
    private final MVMap<String, String> overrides;
    private final MVMap<String, String> subSubjects;
    private final ExecutorService writer;
    private final Clock clock;

    public EmbeddedTrustStore(Path file, int commitDelayMs, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the trust store directory " + file.getParent(), e);
        }
        this.store = new MVStore.Builder().fileName(file.toString()).open();
        this.store.setAutoCommitDelay(commitDelayMs);
        this.evidence = store.openMap("evidence");
        this.events = store.openMap("events");
        this.overrides = store.openMap("overrides");
        this.subSubjects = store.openMap("sub_subjects");
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rampart-trust-store");
            t.setDaemon(true);
            return t;
        });
        this.clock = clock;
    }

    @Override
    public CompletionStage<Evidence> read(String subject) {
        return CompletableFuture.supplyAsync(() -> EvidenceCodec.decode(evidence.get(subject), clock.instant()), writer);
    }

    @Override
    public CompletionStage<Evidence> record(String subject, Interaction interaction, TrustModel model) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> history = history(subject);
            Evidence before = EvidenceCodec.decode(evidence.get(subject), interaction.at());
            for (String e : history) {
                if (EvidenceCodec.decodeEvent(e).eventId().equals(interaction.eventId())) {
                    return before; // already counted
                }
            }
            Evidence after = model.record(before, interaction);
            evidence.put(subject, EvidenceCodec.encode(after));
            history.add(0, EvidenceCodec.encode(interaction));
            events.put(subject, String.join("\n", history.subList(0, Math.min(SEEN_EVENTS, history.size()))));
            return after;
        }, writer);
    }

    @Override
    public CompletionStage<List<Interaction>> recent(String subject, int limit) {
        return CompletableFuture.supplyAsync(() -> history(subject).stream().limit(Math.min(limit, RECENT_EVENTS))
                .map(EvidenceCodec::decodeEvent).toList(), writer);
    }

    @Override
    public CompletionStage<java.util.Optional<Double>> readOverride(String subject) {
        return CompletableFuture.supplyAsync(() -> java.util.Optional.ofNullable(overrides.get(subject))
                .map(Double::valueOf), writer);
    }

    @Override
    public CompletionStage<Void> writeOverride(String subject, Double authority) {
        return CompletableFuture.runAsync(() -> {
            if (authority == null) {
                overrides.remove(subject);
            } else {
                overrides.put(subject, Double.toString(authority));
            }
            store.commit();
        }, writer);
    }

    @Override
    public CompletionStage<Void> forget(String subject) {
        return CompletableFuture.runAsync(() -> {
            evidence.remove(subject);
            events.remove(subject);
            overrides.remove(subject);
            subSubjects.remove(subject);
            store.commit();
        }, writer);
    }

    @Override
    public CompletionStage<Boolean> addSubSubject(String principal, String subSubject, int max) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> subs = lines(subSubjects.get(principal));
            if (subs.contains(subSubject)) {
                return true;
            }
            if (subs.size() >= max) {
                return false;
            }
            subs.add(subSubject);
            subSubjects.put(principal, String.join("\n", subs));
            return true;
        }, writer);
    }

    @Override
    public CompletionStage<List<String>> subSubjects(String principal) {
        return CompletableFuture.supplyAsync(() -> List.copyOf(lines(subSubjects.get(principal))), writer);
    }

    @Override
    public CompletionStage<Void> removeSubSubject(String principal, String subSubject) {
        return CompletableFuture.runAsync(() -> {
            List<String> subs = lines(subSubjects.get(principal));
            if (subs.remove(subSubject)) {
                if (subs.isEmpty()) {
                    subSubjects.remove(principal);
                } else {
                    subSubjects.put(principal, String.join("\n", subs));
                }
            }
        }, writer);
    }

    private static List<String> lines(String joined) {
        return joined == null || joined.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(joined.split("\n")));
    }

    private List<String> history(String subject) {
        String all = events.get(subject);
        return all == null || all.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(all.split("\n")));
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!store.isClosed()) {
            store.close();
        }
    }
}
