package dev.rampart.trust.store;

import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.Outcome;
import dev.rampart.trust.model.TrustModel;
import dev.rampart.trust.model.TrustModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A child process for the crash test: records violations as fast as it can and reports how many were done. */
public final class StoreWriterMain {
    private StoreWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedTrustStore store = new EmbeddedTrustStore(Path.of(args[0]), 200, Clock.systemUTC());
        TrustModel model = new TrustModel(TrustModelConfig.DEFAULTS);
        Path progress = Path.of(args[1]);
        for (long i = 1; ; i++) {
            store.record("load", new Interaction("e" + i, Instant.now(), Outcome.BLOCKED, 1.0, List.of("S1")), model)
                    .toCompletableFuture().join();
            if (i % 500 == 0) {
                Files.writeString(progress, Long.toString(i));
            }
        }
    }
}
