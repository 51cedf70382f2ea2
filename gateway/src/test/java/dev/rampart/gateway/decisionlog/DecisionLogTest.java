package dev.rampart.gateway.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static DecisionRecord record(int i, String text) {
        return TestRecords.allow("d" + i, text);
    }

    private static List<JsonNode> readAll(Path dir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        DecisionLogReader.read(dir, out::add);
        return out;
    }

    @Test
    void should_make_log_injection_impossible() throws Exception {
        Path dir = Files.createTempDirectory("dl");
        try (DecisionLog log = new DecisionLog(dir, 1 << 20, 5, 50, CLOCK)) {
            log.append(record(1, "hello\n{\"decision_id\":\"forged\",\"action\":\"block\"}\r\n\u2028end"));
        }
        List<String> lines = Files.readAllLines(dir.resolve(DecisionLog.CURRENT));
        assertThat(lines).hasSize(1);
        assertThat(readAll(dir)).singleElement().satisfies(r -> assertThat(r.path("decision_id").asText()).isEqualTo("d1"));
    }

    @Test
    void should_rotate_by_size_and_keep_the_newest_files(@TempDir Path dir) throws Exception {
        Clock ticking = Clock.offset(CLOCK, java.time.Duration.ZERO);
        try (DecisionLog log = new DecisionLog(dir, 2_000, 3, 1000, ticking)) {
            for (int i = 0; i < 200; i++) {
                log.append(record(i, "x".repeat(50)));
                if (i % 20 == 19) {
                    log.drain();
                    Thread.onSpinWait();
                }
            }
        }
        List<Path> files = DecisionLogReader.files(dir);
        assertThat(files.size()).isLessThanOrEqualTo(4);
        assertThat(Files.size(dir.resolve(DecisionLog.CURRENT))).isLessThanOrEqualTo(2_000);
        List<JsonNode> kept = readAll(dir);
        assertThat(kept).isNotEmpty();
        assertThat(kept.get(kept.size() - 1).path("decision_id").asText()).isEqualTo("d199");
    }

    @Test
    void should_skip_a_torn_last_line(@TempDir Path dir) throws Exception {
        try (DecisionLog log = new DecisionLog(dir, 1 << 20, 5, 50, CLOCK)) {
            log.append(record(1, "a"));
            log.append(record(2, "b"));
        }
        Files.writeString(dir.resolve(DecisionLog.CURRENT), "{\"decision_id\":\"d3\",\"act", StandardOpenOption.APPEND);
        List<JsonNode> all = new ArrayList<>();
        int skipped = DecisionLogReader.read(dir, all::add);
        assertThat(all).extracting(r -> r.path("decision_id").asText()).containsExactly("d1", "d2");
        assertThat(skipped).isEqualTo(1);
    }

    @Test
    void should_pseudonymise_subjects_with_a_stable_key(@TempDir Path dir) throws Exception {
        SubjectHasher first = SubjectHasher.forDirectory(dir);
        SubjectHasher again = SubjectHasher.forDirectory(dir);
        assertThat(first.hash("key:app")).isEqualTo(again.hash("key:app")).doesNotContain("app").hasSize(32);
        assertThat(first.hash("key:app")).isNotEqualTo(first.hash("key:other"));
        assertThat(SubjectHasher.forDirectory(Files.createTempDirectory("other")).hash("key:app"))
                .isNotEqualTo(first.hash("key:app"));
    }

    @Test
    void should_give_every_replica_the_same_pseudonyms_when_the_key_comes_from_the_environment(@TempDir Path dir)
            throws Exception {
        String key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        java.util.function.UnaryOperator<String> env = name -> SubjectHasher.KEY_ENV.equals(name) ? key : null;
        SubjectHasher replicaA = SubjectHasher.forDirectory(dir.resolve("a"), env);
        SubjectHasher replicaB = SubjectHasher.forDirectory(dir.resolve("b"), env);
        assertThat(replicaA.hash("key:app")).isEqualTo(replicaB.hash("key:app"))
                .isNotEqualTo(SubjectHasher.forDirectory(dir.resolve("c"), name -> null).hash("key:app"));
        assertThat(dir.resolve("a").resolve("decision-log.key")).doesNotExist();
    }

    @Test
    void should_refuse_a_shared_key_shorter_than_32_bytes(@TempDir Path dir) {
        assertThatThrownBy(() -> SubjectHasher.forDirectory(dir, name -> "abcd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SubjectHasher.KEY_ENV).hasMessageContaining("but was 4 characters");
    }

    /**
     * A writer killed with SIGKILL loses only its last moments of records (it syncs every 500 ms), and the log stays
     * readable. The writer appends at most {@link DecisionLogWriterMain#RECORDS_PER_MS} records per millisecond, so
     * 100,000 more records after the mark mean at least 2 s have passed: four sync intervals, with room for a loaded
     * 2-core machine delaying the syncing thread. The test waits on the writer's progress, not on a clock.
     */
    @Test
    void should_lose_only_the_last_moments_on_kill_9(@TempDir Path dir) throws Exception {
        Path progress = dir.resolve("progress");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DecisionLogWriterMain.class.getName(),
                dir.resolve("log").toString(), progress.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long mark = awaitProgress(progress, 20_000); // everything appended by now must survive the kill
            awaitProgress(progress, mark + 2_000L * DecisionLogWriterMain.RECORDS_PER_MS);
            writer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long survived = readAll(dir.resolve("log")).size();
            assertThat(survived).isGreaterThanOrEqualTo(mark);
        } finally {
            writer.destroyForcibly();
        }
    }

    /** Polls the writer's progress file until it reports at least {@code target} records (bounded: 60 s). */
    private static long awaitProgress(Path progress, long target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long appended = 0;
        while (appended < target && System.nanoTime() < deadline) {
            String s = Files.exists(progress) ? Files.readString(progress, StandardCharsets.US_ASCII).trim() : "";
            appended = s.isEmpty() ? 0 : Long.parseLong(s);
            Thread.sleep(5); // a poll interval, not a wait for time: the condition is the writer's count
        }
        assertThat(appended).as("records the writer reported").isGreaterThanOrEqualTo(target);
        return appended;
    }

    @Test
    void should_rotate_when_the_day_changes(@TempDir Path dir) throws Exception {
        Instant[] now = {Instant.parse("2026-01-01T23:59:59Z")};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (DecisionLog log = new DecisionLog(dir, 1 << 20, 5, 1000, moving)) {
            log.append(record(1, "before midnight"));
            log.drain();
            now[0] = Instant.parse("2026-01-02T00:00:01Z");
            log.append(record(2, "after midnight"));
            log.drain();
        }
        assertThat(DecisionLogReader.files(dir)).hasSize(2);
        assertThat(readAll(dir)).extracting(r -> r.path("decision_id").asText()).containsExactly("d1", "d2");
    }

    @Test
    void should_drop_and_count_records_past_the_queue_bound_and_report_the_log_unwritable_until_it_caught_up(
            @TempDir Path dir) throws Exception {
        try (DecisionLog log = new DecisionLog(dir, 1 << 20, 5, 1000, 3, CLOCK)) {
            for (int i = 0; i < 5; i++) {
                log.append(record(i, "t"));
            }
            assertThat(log.dropped()).isEqualTo(2);
            assertThat(log.queued()).isEqualTo(3);
            assertThat(log.writable()).isFalse();

            log.drain();

            assertThat(log.writable()).isTrue();
            assertThat(log.queued()).isZero();
            assertThat(readAll(dir)).extracting(r -> r.path("decision_id").asText()).containsExactly("d0", "d1", "d2");
        }
    }

    @Test
    void should_count_a_failed_write_and_report_the_log_unwritable(@TempDir Path dir) throws Exception {
        Path full = Path.of("/dev/full"); // every write fails with "no space left on device"
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full on this system");
        Files.createSymbolicLink(dir.resolve(DecisionLog.CURRENT), full);
        try (DecisionLog log = new DecisionLog(dir, 1 << 20, 5, 1000, 10, CLOCK)) {
            log.append(record(1, "t"));
            log.drain();

            assertThat(log.writeFailures()).isEqualTo(1);
            assertThat(log.writable()).isFalse();
            assertThat(log.queued()).isZero();

            log.append(record(2, "t"));
            log.drain();
            assertThat(log.writeFailures()).isEqualTo(2);
            assertThat(log.writable()).isFalse();
        }
    }

    @Test
    void should_report_the_log_writable_again_once_the_file_can_be_written(@TempDir Path dir) throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full on this system");
        Files.createSymbolicLink(dir.resolve(DecisionLog.CURRENT), full);
        try (DecisionLog log = new DecisionLog(dir, 1 << 20, 5, 1000, 10, CLOCK)) {
            log.append(record(1, "t"));
            log.drain();
            assertThat(log.writable()).isFalse();

            log.drain(); // nothing queued: still unwritable, the probe fails too
            assertThat(log.writable()).isFalse();
            Files.delete(dir.resolve(DecisionLog.CURRENT)); // the operator freed the disk: a real file again
            log.drain(); // nothing queued: reopens the file and probes it

            assertThat(log.writable()).isTrue();
            log.append(record(2, "t"));
            log.drain();
            assertThat(log.writable()).isTrue();
            assertThat(readAll(dir)).extracting(r -> r.path("decision_id").asText()).containsExactly("d2");
        }
    }

    @Test
    void should_give_the_same_pseudonym_after_many_other_subjects_were_seen(@TempDir Path dir) throws Exception {
        SubjectHasher busy = SubjectHasher.forDirectory(dir, name -> null);
        SubjectHasher fresh = SubjectHasher.forDirectory(dir, name -> null);
        String first = busy.hash("key:app");
        for (int i = 0; i < 12_000; i++) { // more subjects than it remembers: it forgets and recomputes
            assertThat(busy.hash("key:" + i)).hasSize(32);
        }

        assertThat(busy.hash("key:app")).isEqualTo(first).isEqualTo(fresh.hash("key:app"));
        assertThat(busy.hash("key:11999")).isEqualTo(fresh.hash("key:11999")).isNotEqualTo(first);
        assertThat(SubjectHasher.textHash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // FIPS 180-2 example
        assertThat(SubjectHasher.textHash("abc")).isEqualTo(SubjectHasher.textHash("abc"));
    }
}
