package dev.rampart.gateway.decisionlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** A child process for the crash test: appends records as fast as it can and reports how many were appended. */
public final class DecisionLogWriterMain {
    private DecisionLogWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        DecisionLog log = new DecisionLog(Path.of(args[0]), 1L << 30, 5, 500, Clock.systemUTC());
        ObjectMapper json = new ObjectMapper();
        for (long i = 1; ; i++) {
            log.append(json.createObjectNode().put("decision_id", "d" + i).put("action", "allow"));
            if (i % 1000 == 0) {
                Files.writeString(Path.of(args[1]), Long.toString(i));
                Thread.sleep(1); // a steady rate, not a flood that only measures the queue
            }
        }
    }
}
