package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.GatewayConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/compose.yaml}, the quick start, checked without Docker: its files exist and parse, and they agree
 * with each other and with the gateway — the gateway's config is valid and points at the mock LLM service and port,
 * Prometheus scrapes the gateway's admin port, Grafana is provisioned with that Prometheus and the one dashboard of
 * {@code k8s/components/monitoring}, images are pinned, and the gateway runs hardened (non-root, read-only root).
 * Where the {@code docker} CLI is installed, {@code docker compose config} validates the file against the compose
 * schema as well.
 */
class ComposeQuickStartTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void should_wire_gateway_mock_llm_prometheus_and_grafana_consistently() throws Exception {
        JsonNode compose = YAML.readTree(DEPLOY.resolve("compose.yaml").toFile());
        JsonNode services = compose.path("services");
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("mock-llm", "gateway", "prometheus", "grafana");

        // every bind-mounted file exists, every image is pinned to a version
        for (String name : fieldNames(services)) {
            JsonNode service = services.path(name);
            assertThat(service.path("image").asText()).as(name).matches("[^:]+:v?\\d[\\w.-]*")
                    .doesNotEndWith(":latest");
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                assertThat(DEPLOY.resolve(source)).as(name + " mounts " + source).exists();
            }
        }

        // the gateway: valid config, upstream = the mock service on the port it listens on
        JsonNode gateway = services.path("gateway");
        assertThat(gateway.path("read_only").asBoolean()).isTrue();
        assertThat(gateway.path("user").asText()).isEqualTo("10001:10001");
        assertThat(strings(gateway.path("cap_drop"))).contains("ALL");
        assertThat(gateway.path("environment").path("ORT_DISABLE_TELEMETRY").asText()).isEqualTo("1");
        List<String> command = strings(gateway.path("command"));
        String configPath = command.get(command.indexOf("--config") + 1);
        String configMount = strings(gateway.path("volumes")).stream().filter(v -> v.split(":")[1].equals(configPath))
                .findFirst().orElseThrow();
        ConfigLoader.Result parsed = ConfigLoader.parse("deploy/gateway.yaml",
                Files.readString(DEPLOY.resolve(configMount.split(":")[0])), ConfigLoader.Overrides.NONE);
        assertThat(parsed.problems()).isEmpty();
        GatewayConfig config = parsed.config();
        URI upstream = URI.create(config.upstreams().get(0).baseUrl());
        assertThat(upstream.getHost()).isEqualTo("mock-llm");
        List<String> mock = strings(services.path("mock-llm").path("command"));
        assertThat(mock).startsWith("mock-llm").contains("0.0.0.0");
        assertThat(upstream.getPort()).isEqualTo(Integer.parseInt(mock.get(mock.indexOf("--port") + 1)));
        assertThat(config.server().adminHost()).as("reachable by Prometheus").isEqualTo("0.0.0.0");
        assertThat(strings(gateway.path("ports"))).contains(config.server().port() + ":" + config.server().port())
                .anyMatch(p -> p.equals("127.0.0.1:" + config.server().adminPort() + ":" + config.server().adminPort()))
                .as("the admin port is published on loopback only")
                .noneMatch(p -> p.equals(config.server().adminPort() + ":" + config.server().adminPort()));
        assertThat(strings(gateway.path("tmpfs"))).anyMatch(t -> t.startsWith(config.server().dataDir() + ":"))
                .anyMatch(t -> t.startsWith("/tmp:"));

        // Prometheus scrapes the gateway's admin port
        JsonNode prometheus = YAML.readTree(DEPLOY.resolve("prometheus").resolve("prometheus.yml").toFile());
        JsonNode job = prometheus.at("/scrape_configs/0");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(strings(job.at("/static_configs/0/targets"))).containsExactly("gateway:" + config.server().adminPort());

        // Grafana: that Prometheus as the default data source, the k8s dashboard where the provider reads
        JsonNode datasource = YAML.readTree(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yaml").toFile())
                .at("/datasources/0");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(datasource.path("isDefault").asBoolean()).isTrue();
        String dashboardsDir = YAML.readTree(DEPLOY.resolve("grafana/provisioning/dashboards/rampart.yaml").toFile())
                .at("/providers/0/options/path").asText();
        String dashboardMount = strings(services.path("grafana").path("volumes")).stream()
                .filter(v -> v.split(":")[1].startsWith(dashboardsDir + "/")).findFirst().orElseThrow();
        assertThat(DEPLOY.resolve(dashboardMount.split(":")[0]).normalize())
                .isEqualTo(Path.of("..", "k8s", "components", "monitoring", "grafana-dashboard.json").normalize());
        assertThat(new ObjectMapper().readTree(DEPLOY.resolve(dashboardMount.split(":")[0]).toFile()).path("uid").asText())
                .isEqualTo("rampart-gateway");
    }

    @Test
    void should_keep_the_docker_build_context_small_and_the_dockerfile_consistent() throws Exception {
        List<String> ignored = Files.readAllLines(Path.of("..", ".dockerignore"));
        assertThat(ignored).contains(".git", "**/target", "data");
        String dockerfile = Files.readString(Path.of("..", "k8s", "Dockerfile"));
        // every COPY source from the context exists and is not ignored
        var copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+)").matcher(dockerfile);
        while (copy.find()) {
            Path source = Path.of("..").resolve(copy.group(1));
            assertThat(source).as(copy.group(1)).exists();
        }
        assertThat(dockerfile).contains("USER 10001:10001").contains("ORT_DISABLE_TELEMETRY=1")
                .contains("onnxruntime.native.path").doesNotContain("COPY . .");
        assertThat(Pattern.compile("(?m)^FROM \\S+:(\\d+\\.\\d+\\.\\d+)").matcher(dockerfile).results().count())
                .as("bases pinned to a JDK release").isEqualTo(2);
    }

    @Test
    void should_pass_docker_compose_config_where_docker_is_installed() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
        } catch (java.io.IOException noDocker) {
            org.junit.jupiter.api.Assumptions.abort("no docker CLI here; the parse checks above still ran");
            return;
        }
        probe.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "docker compose plugin not installed");
        Process p = new ProcessBuilder("docker", "compose", "-f", DEPLOY.resolve("compose.yaml").toString(), "config",
                "--quiet").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
