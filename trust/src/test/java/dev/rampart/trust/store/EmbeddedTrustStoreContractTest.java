package dev.rampart.trust.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTrustStoreContractTest extends TrustStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TrustStore create() {
        return new EmbeddedTrustStore(dir.resolve("trust.mv.db"), 200, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void should_keep_evidence_across_a_clean_restart() {
        store.record("gina", violation("g1", T0), model).toCompletableFuture().join();
        store.close();
        store = create();
        assertThat(store.read("gina").toCompletableFuture().join().violations()).isEqualTo(1);
    }

    /** A writer process is killed with SIGKILL mid-load: the file reopens cleanly and lost at most ~1 s of updates. */
    @Test
    void should_survive_kill_9_under_load_without_corruption() throws Exception {
        Path file = dir.resolve("crash.mv.db");
        Path progress = dir.resolve("progress");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                StoreWriterMain.class.getName(), file.toString(), progress.toString()));
        Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long acknowledged = 0;
        while (System.nanoTime() < deadline && acknowledged < 3000) {
            if (Files.exists(progress)) {
                String s = Files.readString(progress).trim();
                acknowledged = s.isEmpty() ? 0 : Long.parseLong(s);
            }
            Thread.onSpinWait();
        }
        long beforeKill = acknowledged;
        writer.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
        assertThat(beforeKill).as("the writer made progress").isGreaterThanOrEqualTo(3000);
        try (EmbeddedTrustStore reopened = new EmbeddedTrustStore(file, 200, Clock.fixed(T0, ZoneOffset.UTC))) {
            long stored = reopened.read("load").toCompletableFuture().join().violations();
            assertThat(stored).isPositive().isLessThanOrEqualTo(Long.parseLong(Files.readString(progress).trim()));
            // the writer records about 5 000 updates a second; losing at most a second is well under 20 000
            assertThat(beforeKill - stored).isLessThan(20_000);
        }
    }
}
