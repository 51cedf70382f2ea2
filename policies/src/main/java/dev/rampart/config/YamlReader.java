package dev.rampart.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one YAML document into a {@link ConfigNode} whose nodes remember their line (SnakeYAML's composed nodes and
 * their marks). Never throws for a bad document: a read or syntax error becomes a {@link ConfigProblem} with its line,
 * and the root comes back absent.
 */
public final class YamlReader {
    /** Largest document read, in code points (a guard against a runaway file, far above any real configuration). */
    public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    private YamlReader() {
    }

    /** Reads a file; a file that cannot be read is one problem with the file as its source. */
    public static ConfigNode read(Path file, List<ConfigProblem> problems) {
        return read(file.toString(), file, problems);
    }

    /** Reads a file, reporting its problems under {@code source}. */
    public static ConfigNode read(String source, Path file, List<ConfigProblem> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new ConfigProblem(source, 0, "", "cannot read the file (" + e.getClass().getSimpleName() + ")"));
            return ConfigNode.root(source, null, problems);
        }
        return parse(source, text, problems);
    }

    /** Parses text; an empty document gives an absent root and no problem (the caller decides whether empty is fine). */
    public static ConfigNode parse(String source, String text, List<ConfigProblem> problems) {
        return ConfigNode.root(source, compose(source, text, problems).orElse(null), problems);
    }

    private static Optional<Node> compose(String source, String text, List<ConfigProblem> problems) {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(source).setCodePointLimit(MAX_CODE_POINTS).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            return composer.getSingleNode();
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).map(l -> l + 1).orElse(0);
            problems.add(new ConfigProblem(source, line, "", "is not valid YAML: " + oneLine(e.getMessage())));
        } catch (YamlEngineException e) {
            problems.add(new ConfigProblem(source, 0, "", "is not valid YAML: " + oneLine(e.getMessage())));
        }
        return Optional.empty();
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable" : message.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
