package dev.rampart.gateway.policy;

import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every pack the gateway loaded, by revision: {@code <data_dir>/policies/<revision>/} holds the pack's file and
 * the YAML files beside it (so an {@code extends} of a sibling still resolves), or {@code default.yaml} for the
 * built-in pack, and {@code SOURCE} naming the file that was loaded. A logged decision's {@code policy_revision} thus
 * names a pack that can be loaded again to replay or explain it. Written once per revision; a failure to archive is
 * logged and never stops a load. Runs where policies load (startup, the reload worker), never on an event loop.
 */
public final class PackArchive {
    private static final Logger LOG = LoggerFactory.getLogger(PackArchive.class);
    static final String SOURCE = "SOURCE";

    private final Path dir;

    public PackArchive(Path dir) {
        this.dir = dir;
    }

    /** Archives a loaded pack under its revision unless that revision is archived already. */
    public void archive(String source, Policy policy) {
        Path target = dir.resolve(policy.revision());
        if (Files.exists(target.resolve(SOURCE))) {
            return;
        }
        try {
            Files.createDirectories(target);
            String main;
            if (PolicyLoader.BUILTIN_DEFAULT.equals(source)) {
                main = "default.yaml";
                Files.writeString(target.resolve(main), PolicyLoader.builtinDefaultText(), StandardCharsets.UTF_8);
            } else {
                Path file = Path.of(source).toAbsolutePath();
                main = file.getFileName().toString();
                for (Path p : siblings(file)) {
                    Files.copy(p, target.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(target.resolve(SOURCE), main + "\n", StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot archive policy revision={} in {}: {}", policy.revision(), dir, e.getClass().getSimpleName());
        }
    }

    /** The archived pack file of a revision, if archived. */
    public Optional<Path> find(String revision) {
        Path source = dir.resolve(revision).resolve(SOURCE);
        try {
            return Files.exists(source)
                    ? Optional.of(dir.resolve(revision).resolve(Files.readString(source, StandardCharsets.UTF_8).trim()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> siblings(Path file) throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(file);
        Path parent = file.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            try (Stream<Path> list = Files.list(parent)) {
                list.filter(p -> !p.equals(file) && Files.isRegularFile(p)
                        && p.getFileName().toString().matches("[^.].*\\.ya?ml")).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
