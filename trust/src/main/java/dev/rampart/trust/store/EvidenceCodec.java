package dev.rampart.trust.store;

import dev.rampart.trust.model.Evidence;
import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small, versioned text encoding of evidence and events, shared by the stores. */
final class EvidenceCodec {
    private EvidenceCodec() {
    }

    static String encode(Evidence e) {
        return "v1;" + e.positive() + ";" + e.negative() + ";" + e.updatedAt().toEpochMilli() + ";"
                + e.windowStart().toEpochMilli() + ";" + e.windowGain() + ";" + e.events() + ";" + e.violations();
    }

    static Evidence decode(String s, Instant now) {
        if (s == null) {
            return Evidence.none(now);
        }
        String[] f = s.split(";");
        if (f.length != 8 || !"v1".equals(f[0])) {
            throw new IllegalStateException("unreadable trust evidence record (format " + f[0] + ")");
        }
        return new Evidence(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Instant.ofEpochMilli(Long.parseLong(f[3])),
                Instant.ofEpochMilli(Long.parseLong(f[4])), Double.parseDouble(f[5]), Long.parseLong(f[6]),
                Long.parseLong(f[7]));
    }

    static String encode(Interaction i) {
        return i.eventId().replace('|', '_') + "|" + i.at().toEpochMilli() + "|" + i.outcome() + "|" + i.severity() + "|"
                + String.join(",", i.categories());
    }

    static Interaction decodeEvent(String s) {
        String[] f = s.split("\\|", -1);
        List<String> categories = f[4].isEmpty() ? List.of() : Arrays.asList(f[4].split(","));
        return new Interaction(f[0], Instant.ofEpochMilli(Long.parseLong(f[1])), Outcome.valueOf(f[2]),
                Double.parseDouble(f[3]), new ArrayList<>(categories));
    }
}
