package dev.rampart.gateway.decisionlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads decision logs back, oldest file first. A line that is not complete JSON — the torn last line a crash leaves —
 * is skipped and counted, never an error.
 */
public final class DecisionLogReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionLogReader() {
    }

    /** The log files of a directory in time order: rotated ones by name, then the current one. */
    public static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().matches("decisions-.*\\.log")).sorted().forEach(out::add);
        }
        Path current = dir.resolve(DecisionLog.CURRENT);
        if (Files.exists(current)) {
            out.add(current);
        }
        return out;
    }

    /** Feeds every readable record to {@code sink}; returns how many lines were skipped as unreadable. */
    public static int read(Path dir, Consumer<JsonNode> sink) throws IOException {
        int skipped = 0;
        for (Path file : files(dir)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        JsonNode record = JSON.readTree(line);
                        if (record != null && record.isObject()) {
                            sink.accept(record);
                        } else {
                            skipped++;
                        }
                    } catch (IOException e) {
                        skipped++;
                    }
                }
            } catch (java.nio.charset.MalformedInputException e) {
                skipped++;
            }
        }
        return skipped;
    }
}
