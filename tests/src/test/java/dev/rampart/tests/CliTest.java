package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rampart} command line as an operator runs it, in a child JVM. */
class CliTest {

    private static Process rampart(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.rampart.gateway.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
        return pb.start();
    }

    @Test
    void should_print_the_bound_ports_when_serving_on_port_zero_and_stop_on_sigterm() throws Exception {
        Process p = rampart("serve", "--port", "0", "--admin-port", "0");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String publicLine = null;
            String adminLine = null;
            String line;
            while ((publicLine == null || adminLine == null) && (line = out.readLine()) != null) {
                if (line.startsWith("listening public=")) {
                    publicLine = line;
                } else if (line.startsWith("listening admin=")) {
                    adminLine = line;
                }
            }
            assertThat(publicLine).matches("listening public=\\d+");
            assertThat(adminLine).matches("listening admin=\\d+");
            int adminPort = Integer.parseInt(adminLine.substring("listening admin=".length()));
            var http = java.net.http.HttpClient.newHttpClient();
            var health = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + adminPort + "/healthz")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void should_exit_non_zero_with_every_config_problem_and_its_path(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "server:\n  port: -1\n  admin_prot: 5\n");
        Process p = rampart("serve", "--config", config.toString());
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).contains("server.port: must be between 0 and 65535, but was -1")
                .contains("server.admin_prot: unknown key (did you mean 'admin_port'?)")
                .doesNotContain("Exception");
    }

    @Test
    void should_print_help_and_version() throws Exception {
        Process help = rampart("--help");
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(text).contains("serve").contains("demo").contains("policy");
        Process version = rampart("--version");
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("rampart ");
        assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
