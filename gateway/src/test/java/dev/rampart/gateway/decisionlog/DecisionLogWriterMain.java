package dev.rampart.gateway.decisionlog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** A child process for the crash test: appends records as fast as it can and reports how many were appended. */
public final class DecisionLogWriterMain {
    /** At most this many records per millisecond: the test turns a count of records into a lower bound on time. */
    static final int RECORDS_PER_MS = 50;

    private DecisionLogWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        DecisionLog log = new DecisionLog(Path.of(args[0]), 1L << 30, 5, 500, Clock.systemUTC());
        for (long i = 1; ; i++) {
            log.append(TestRecords.allow("d" + i, null));
            if (i % RECORDS_PER_MS == 0) {
                Thread.sleep(1); // a steady rate (under 50k records/s), not a flood that only measures the queue
            }
            if (i % 1000 == 0) {
                Files.writeString(Path.of(args[1]), Long.toString(i));
            }
        }
    }
}
