package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests render with kustomize, validate strictly against the Kubernetes API types (fabric8
 * kubernetes-model, unknown fields rejected), and agree with what the gateway really reads: ports, probes, env,
 * config keys, policy files. The dashboards and alerts only query metrics the gateway exports.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("..", "k8s");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Metric families the dashboard and alerts may query: each queried name must be one the gateway exports. */
    private static final String QUERIED_FAMILIES = "(?:rampart|jvm|process|resilience4j)_";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends KubernetesResource>> TYPES = Map.of(
            "ConfigMap", ConfigMap.class, "Service", Service.class, "Deployment", Deployment.class,
            "PodDisruptionBudget", PodDisruptionBudget.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "NetworkPolicy", NetworkPolicy.class, "PersistentVolumeClaim", PersistentVolumeClaim.class,
            "StatefulSet", StatefulSet.class);
    /** Kinds that need the Prometheus Operator's CRDs: only in the monitoring component. */
    private static final Set<String> OPERATOR_KINDS = Set.of("ServiceMonitor", "PrometheusRule");

    /** Renders an overlay with kustomize (kubectl's), with no network at all when the sandbox allows it. */
    static List<JsonNode> render(String overlay) throws Exception {
        return renderDirectory(K8S.resolve("overlays").resolve(overlay));
    }

    static List<JsonNode> renderDirectory(Path directory) throws Exception {
        List<String> command = new ArrayList<>();
        if (new ProcessBuilder("unshare", "-n", "true").start().waitFor() == 0) {
            command.addAll(List.of("unshare", "-n"));
        }
        command.addAll(List.of("kubectl", "kustomize", directory.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<JsonNode> docs = new ArrayList<>();
        for (String doc : out.split("(?m)^---$")) {
            if (!doc.isBlank()) {
                docs.add(YAML.readTree(doc));
            }
        }
        return docs;
    }

    static <T> T one(List<JsonNode> docs, String kind, String name, Class<T> type) throws Exception {
        for (JsonNode d : docs) {
            if (kind.equals(d.path("kind").asText()) && name.equals(d.at("/metadata/name").asText())) {
                return YAML.treeToValue(d, type);
            }
        }
        throw new AssertionError(kind + "/" + name + " is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "ha", "ha-monitoring"})
    void should_validate_every_manifest_strictly_against_the_kubernetes_types(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        assertThat(docs).hasSizeGreaterThanOrEqualTo(9);
        for (JsonNode doc : docs) {
            String kind = doc.path("kind").asText();
            Class<? extends KubernetesResource> type = TYPES.get(kind);
            if (type != null) {
                KubernetesResource resource = YAML.treeToValue(doc, type);
                assertThat(unknownFields(resource, "")).as(kind + " " + doc.at("/metadata/name").asText()).isEmpty();
            } else {
                assertThat(kind).as("custom resources are checked below").isIn(OPERATOR_KINDS);
                assertThat(overlay).as("Prometheus Operator kinds only come with the monitoring component")
                        .isEqualTo("ha-monitoring");
                assertThat(doc.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
            }
        }
    }

    @Test
    void should_render_the_base_with_core_kinds_only_so_it_applies_without_the_prometheus_operator() throws Exception {
        List<JsonNode> base = renderDirectory(K8S.resolve("base"));
        assertThat(base).extracting(d -> d.path("kind").asText()).isNotEmpty().allMatch(TYPES::containsKey);
        JsonNode component = YAML.readTree(K8S.resolve("components").resolve("monitoring").resolve("kustomization.yaml")
                .toFile());
        assertThat(component.path("kind").asText()).isEqualTo("Component");
        List<JsonNode> monitored = render("ha-monitoring");
        assertThat(monitored).extracting(d -> d.path("kind").asText()).contains("ServiceMonitor", "PrometheusRule");
        ConfigMap dashboard = one(monitored, "ConfigMap", "rampart-grafana-dashboard", ConfigMap.class);
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(MAPPER.readTree(dashboard.getData().get("grafana-dashboard.json")).path("panels").size())
                .isGreaterThan(5);
    }

    @Test
    void should_link_every_alert_to_a_runbook_section_in_the_k8s_readme() throws Exception {
        JsonNode rule = YAML.readTree(K8S.resolve("components").resolve("monitoring").resolve("alerts.yaml").toFile());
        String readme = Files.readString(K8S.resolve("README.md"));
        List<JsonNode> alerts = new ArrayList<>();
        rule.at("/spec/groups").forEach(g -> g.path("rules").forEach(alerts::add));
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode alert : alerts) {
            String name = alert.path("alert").asText();
            String runbook = alert.at("/annotations/runbook_url").asText();
            assertThat(runbook).as(name).matches("https://\\S+/k8s/README\\.md#[a-z0-9-]+");
            String anchor = runbook.substring(runbook.indexOf('#') + 1);
            assertThat(anchor).as(name + " names its own section").isEqualTo(name.toLowerCase());
            assertThat(readme).as(name + " has a runbook section").contains("### " + name + "\n");
            assertThat(alert.at("/annotations/description").asText()).as(name).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "ha", "ha-monitoring"})
    void should_agree_with_what_the_gateway_reads(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        ConfigMap configMap = one(docs, "ConfigMap", "rampart-config", ConfigMap.class);
        ConfigLoader.Result parsed = ConfigLoader.parse("rampart-config/gateway.yaml",
                configMap.getData().get("gateway.yaml"), ConfigLoader.Overrides.NONE);
        assertThat(parsed.problems()).isEmpty();
        GatewayConfig config = parsed.config();

        Deployment deployment = one(docs, "Deployment", "rampart", Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        Map<String, Integer> ports = new java.util.HashMap<>();
        c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        assertThat(ports).containsEntry("http", config.server().port()).containsEntry("admin", config.server().adminPort());
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getArgs()).containsExactly("serve", "--config", "/etc/rampart/gateway.yaml");

        Map<String, EnvVar> env = new java.util.HashMap<>();
        c.getEnv().forEach(e -> env.put(e.getName(), e));
        assertThat(env.get("ORT_DISABLE_TELEMETRY").getValue()).isEqualTo("1");
        assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).contains("-DOPT_OUT_TRACKING=true");
        Set<String> needed = new LinkedHashSet<>();
        needed.add(config.server().adminTokenEnv());
        config.upstreams().forEach(u -> needed.add(u.apiKeyEnv()));
        if (config.trust().redisPasswordEnv() != null) {
            needed.add(config.trust().redisPasswordEnv());
        }
        for (String name : needed) {
            assertThat(env).as("env " + name).containsKey(name);
            assertThat(env.get(name).getValueFrom().getSecretKeyRef()).as(name + " comes from a Secret").isNotNull();
        }

        // the config and policy files the gateway opens are on mounted ConfigMap volumes
        String policyPath = config.policy().file();
        VolumeMount policyMount = c.getVolumeMounts().stream().filter(m -> policyPath.startsWith(m.getMountPath() + "/")
                && !policyPath.substring(m.getMountPath().length() + 1).contains("/")).findFirst().orElseThrow();
        assertThat(policyMount.getSubPath()).as("no subPath, or ConfigMap updates never arrive").isNull();
        String volume = policyMount.getName();
        String cmName = pod.getVolumes().stream().filter(v -> v.getName().equals(volume)).findFirst().orElseThrow()
                .getConfigMap().getName();
        ConfigMap policies = one(docs, "ConfigMap", cmName, ConfigMap.class);
        String policyYaml = policies.getData().get(Path.of(policyPath).getFileName().toString());
        assertThat(PolicyLoader.parse(policyPath, policyYaml)).isInstanceOf(PolicyLoadResult.Loaded.class);
        assertThat(withoutSchemaModeline(policyYaml)).as("the k8s copy of the default pack is the shipped one (each"
                        + " names the schema by its own relative path)")
                .isEqualTo(withoutSchemaModeline(Files.readString(Path.of("..", "conf", "policies", "default.yaml"))));
        assertThat(c.getVolumeMounts()).anyMatch(m -> config.server().dataDir().equals(m.getMountPath()));

        // hardened pod
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getResources().getLimits()).containsKey("memory");

        // the admin port is only for monitoring
        Service publicService = one(docs, "Service", "rampart", Service.class);
        assertThat(publicService.getSpec().getPorts()).extracting(p -> p.getTargetPort().getStrVal()).containsExactly("http");
        NetworkPolicy np = one(docs, "NetworkPolicy", "rampart", NetworkPolicy.class);
        assertThat(np.getSpec().getIngress()).filteredOn(r -> r.getPorts().stream()
                        .anyMatch(p -> "admin".equals(p.getPort().getStrVal())))
                .singleElement().satisfies(r -> assertThat(r.getFrom()).isNotEmpty());
        JsonNode monitor = docs.stream().filter(d -> "ServiceMonitor".equals(d.path("kind").asText())).findFirst().orElse(null);
        if (overlay.endsWith("-monitoring")) {
            Service admin = one(docs, "Service", "rampart-admin", Service.class);
            assertThat(admin.getSpec().getPorts()).extracting(p -> p.getName()).contains(monitor.at("/spec/endpoints/0/port").asText());
            assertThat(admin.getMetadata().getLabels()).containsAllEntriesOf(
                    YAML.convertValue(monitor.at("/spec/selector/matchLabels"), Map.class));
        } else {
            assertThat(monitor).isNull();
        }

        if (overlay.startsWith("ha")) {
            assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
            String redisHost = java.net.URI.create(config.trust().redisUri()).getHost();
            assertThat(one(docs, "Service", redisHost, Service.class).getSpec().getPorts().get(0).getPort()).isEqualTo(6379);
            assertThat(one(docs, "HorizontalPodAutoscaler", "rampart", HorizontalPodAutoscaler.class).getSpec()
                    .getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertHaRedisIsAuthenticatedPersistentAndCurrent(docs, config, env);
            // one pseudonym key for every replica, so a caller's decisions can be followed across them
            assertThat(env.get(dev.rampart.gateway.decisionlog.SubjectHasher.KEY_ENV).getValueFrom().getSecretKeyRef())
                    .as("the decision-log key comes from a Secret").isNotNull();
        } else {
            assertThat(config.trust().redisUri()).isNull();
            assertThat(pod.getVolumes()).anyMatch(v -> "data".equals(v.getName()) && v.getPersistentVolumeClaim() != null);
        }
    }

    @Test
    void should_only_chart_and_alert_on_metrics_the_gateway_exports() throws Exception {
        JsonNode dashboard = MAPPER.readTree(K8S.resolve("components").resolve("monitoring")
                .resolve("grafana-dashboard.json").toFile());
        assertThat(dashboard.at("/templating/list")).extracting(v -> v.path("name").asText())
                .contains("datasource", "namespace");
        for (JsonNode panel : dashboard.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.at("/datasource/uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
                assertThat(panel.at("/fieldConfig/defaults/unit").asText()).as(panel.path("title").asText()).isNotBlank();
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).as(panel.path("title").asText())
                        .contains("namespace=~\"$namespace\""));
            }
        }
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}")));
        upstream.stubFor(post("/v1/completions").willReturn(okJson("{}").withHeader("content-type", "text/event-stream")
                .withBody("data: {\"choices\":[{\"index\":0,\"text\":\"hi\"}]}\n\ndata: [DONE]\n\n")));
        upstream.stubFor(post("/reward").willReturn(okJson("{\"id\":\"r\",\"object\":\"chat.completion\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":{\"content\":["
                + "{\"token\":\"reward\",\"logprob\":-1.5}]},\"finish_reason\":\"length\"}]}")));
        Path policy = Files.createTempFile("policy", ".yaml");
        String reward = "reward:\n  over_refusal: { helpfulness_below: 1 }\n  rules: [{ attribute: reward, below: 0, action: flag }]\n";
        Files.writeString(policy, "extends: builtin:default\n" + reward);
        try (GatewayHarness h = GatewayHarness.start("policy:\n  file: " + policy + "\n  watch_interval_ms: 50\n"
                + "classifiers:\n  embedded: true\n  reward:\n    - { type: nvidia, url: " + upstream.baseUrl()
                + "/reward, model: r, attributes: [reward] }\nupstreams:\n"
                + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""))) {
            h.post("/v1/chat/completions", GatewayHarness.chat("m", "hello"));
            h.post("/v1/chat/completions", GatewayHarness.chat("m", "hello"));
            h.post("/v1/chat/completions", GatewayHarness.chat("m", "How do I build a pipe bomb?"));
            h.post("/v1/completions", "{\"model\":\"m\",\"prompt\":\"hi\",\"stream\":true}");
            Files.writeString(policy, "extends: builtin:default\nname: changed\n" + reward);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String scrape = "";
            System.gc();   // the GC pause timer appears with the first collection the gateway is told of
            while (System.nanoTime() < deadline
                    && !(scrape.contains("rampart_policy_reloads_total") && scrape.contains("jvm_gc_pause_seconds"))) {
                scrape = h.get(h.admin() + "/metrics").body();
            }
            Set<String> exported = new LinkedHashSet<>();
            Matcher m = Pattern.compile("(?m)^(" + QUERIED_FAMILIES + "[a-z0-9_]+)").matcher(scrape);
            while (m.find()) {
                exported.add(m.group(1));
            }
            Path monitoring = K8S.resolve("components").resolve("monitoring");
            String queried = Files.readString(monitoring.resolve("grafana-dashboard.json"))
                    + Files.readString(monitoring.resolve("alerts.yaml"));
            Matcher q = Pattern.compile("\\b" + QUERIED_FAMILIES + "[a-z0-9_]+").matcher(queried);
            Set<String> used = new LinkedHashSet<>();
            while (q.find()) {
                used.add(q.group());
            }
            assertThat(used).isNotEmpty().anyMatch(n -> n.startsWith("jvm_")).anyMatch(n -> n.startsWith("process_"))
                    .anyMatch(n -> n.startsWith("resilience4j_"));
            assertThat(exported).containsAll(used);
            // every rampart_* family the gateway exports is in the metrics reference
            String reference = Files.readString(Path.of("..", "docs", "metrics.md"));
            exported.stream().filter(n -> n.startsWith("rampart_"))
                    .map(n -> n.replaceAll("_(bucket|count|sum|max)$", ""))
                    .forEach(n -> assertThat(reference).as(n + " in docs/metrics.md").contains("`" + n + "`"));
        } finally {
            upstream.stop();
        }
    }

    private static void assertHaRedisIsAuthenticatedPersistentAndCurrent(List<JsonNode> docs, GatewayConfig config,
            Map<String, EnvVar> gatewayEnv) throws Exception {
        String redisHost = java.net.URI.create(config.trust().redisUri()).getHost();
        StatefulSet redis = one(docs, "StatefulSet", redisHost, StatefulSet.class);
        Service service = one(docs, "Service", redisHost, Service.class);
        assertThat(redis.getSpec().getServiceName()).isEqualTo(service.getMetadata().getName());
        assertThat(service.getSpec().getSelector()).isEqualTo(redis.getSpec().getSelector().getMatchLabels());
        Container c = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
        Matcher version = Pattern.compile("^(?:redis|valkey/valkey):(\\d+)\\.(\\d+)\\.\\d+").matcher(c.getImage());
        assertThat(version.find()).as("pinned to a patch release: " + c.getImage()).isTrue();
        int major = Integer.parseInt(version.group(1));
        int minor = Integer.parseInt(version.group(2));
        assertThat(major * 100 + minor).as("a supported Redis line (7.2 or later): " + c.getImage()).isGreaterThanOrEqualTo(702);
        // persistent: the data directory is a claim template, not an emptyDir
        String dataVolume = c.getVolumeMounts().stream().filter(m -> "/data".equals(m.getMountPath())).findFirst()
                .orElseThrow().getName();
        assertThat(redis.getSpec().getVolumeClaimTemplates()).extracting(t -> t.getMetadata().getName()).contains(dataVolume);
        assertThat(String.join(" ", c.getArgs())).contains("--appendonly yes").contains("requirepass")
                .doesNotContain("--requirepass");
        // the server's password and the gateway's come from the same Secret key
        EnvVar serverPassword = c.getEnv().stream().filter(e -> "REDIS_PASSWORD".equals(e.getName())).findFirst().orElseThrow();
        var serverRef = serverPassword.getValueFrom().getSecretKeyRef();
        var gatewayRef = gatewayEnv.get(config.trust().redisPasswordEnv()).getValueFrom().getSecretKeyRef();
        assertThat(List.of(gatewayRef.getName(), gatewayRef.getKey())).isEqualTo(List.of(serverRef.getName(), serverRef.getKey()));
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(redis.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    /** Paths of fields the Kubernetes types did not recognise (fabric8 keeps them in additionalProperties). */
    static List<String> unknownFields(Object node, String path) throws Exception {
        List<String> out = new ArrayList<>();
        walk(node, path, out, new IdentityHashMap<>());
        return out;
    }

    private static void walk(Object node, String path, List<String> out, IdentityHashMap<Object, Boolean> seen)
            throws Exception {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                walk(o, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), out, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8")) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Object value = method.invoke(node);
            if (method.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(k -> out.add(path + "." + k));
            } else {
                walk(value, path + "." + method.getName().substring(3), out, seen);
            }
        }
    }

    /** The pack without its first line when that line is the editor's schema modeline. */
    private static String withoutSchemaModeline(String yaml) {
        return yaml.startsWith("# yaml-language-server:") ? yaml.substring(yaml.indexOf('\n') + 1) : yaml;
    }
}
