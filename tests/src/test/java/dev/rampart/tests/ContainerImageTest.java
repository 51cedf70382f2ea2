package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The image tarball Jib writes ({@code ./mvnw -Pimage … package}: {@code gateway/target/jib-image.tar}), read without
 * Docker or a registry: non-root user, entrypoint and arguments, environment, ports, writable volumes, reproducible
 * timestamps, and one layer with the ONNX Runtime natives the entrypoint points at (so nothing is extracted at run
 * time under a read-only root). Skipped when the image was not built (a plain {@code verify}).
 */
class ContainerImageTest {
    private static final Path TARBALL = Path.of("..", "gateway", "target", "jib-image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_run_as_non_root_with_telemetry_off_and_onnx_natives_in_their_own_layer() throws Exception {
        assumeTrue(Files.exists(TARBALL), "no image tarball: build it with ./mvnw -Pimage -pl gateway -am package");
        Map<String, byte[]> entries = untar(Files.newInputStream(TARBALL), false);
        JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        JsonNode image = JSON.readTree(entries.get(manifest.path("Config").asText()));
        JsonNode config = image.path("config");

        String user = config.path("User").asText();
        assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
        assertThat(user).as("the uid the Kubernetes manifests run as").isEqualTo("10001:10001");

        List<String> entrypoint = strings(config.path("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).endsWith("dev.rampart.gateway.Main").contains("-DOPT_OUT_TRACKING=true");
        assertThat(strings(config.path("Cmd"))).containsExactly("serve", "--config", "/etc/rampart/gateway.yaml");
        assertThat(strings(config.path("Env"))).contains("ORT_DISABLE_TELEMETRY=1");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.path("ExposedPorts").has("9090/tcp")).isTrue();
        assertThat(config.path("Volumes").has("/tmp")).isTrue();
        assertThat(config.path("Volumes").has("/var/lib/rampart")).isTrue();
        assertThat(image.path("created").asText()).as("reproducible").startsWith("1970-01-01T00:00:00");

        String nativePath = entrypoint.stream().filter(a -> a.startsWith("-Donnxruntime.native.path="))
                .map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElseThrow();
        String tmpDir = entrypoint.stream().filter(a -> a.startsWith("-Djava.io.tmpdir=")).findFirst().orElseThrow();
        assertThat(tmpDir).endsWith("=/tmp");

        // layers, named by Jib in the history: the natives alone in theirs, the model apart from the code
        List<String> comments = new ArrayList<>();
        image.path("history").forEach(h -> {
            if (!h.path("empty_layer").asBoolean()) {
                comments.add(h.path("comment").asText());
            }
        });
        assertThat(comments).contains("dependencies", "onnxruntime", "model", "onnxruntime natives", "classes");
        List<String> layers = strings(manifest.path("Layers"));
        int natives = comments.size() - layers.size() + comments.indexOf("onnxruntime natives");
        Map<String, byte[]> nativeLayer = untar(new ByteArrayInputStream(entries.get(layers.get(natives))), true);
        assertThat(nativeLayer.keySet()).contains(
                nativePath.substring(1) + "/libonnxruntime.so", nativePath.substring(1) + "/libonnxruntime4j_jni.so");

        // nothing of the build context leaks in
        for (String layer : layers) {
            assertThat(untar(new ByteArrayInputStream(entries.get(layer)), true).keySet())
                    .noneMatch(name -> name.contains(".git/") || name.startsWith("data/") || name.contains("/target/"));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Names and contents of a (gzipped) tar: POSIX ustar headers, 512-byte blocks. */
    private static Map<String, byte[]> untar(InputStream raw, boolean gzip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                byte[] body = in.readNBytes((int) size);
                long pad = (512 - size % 512) % 512;
                in.skipNBytes(pad);
                if (name.startsWith("./")) {
                    name = name.substring(2);
                }
                out.put(name, body);
            }
        }
        return out;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
