package dev.rampart.gateway.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rampart trust explain|forget SUBJECT}: the trust admin API of a running gateway, from the shell. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = "Explain or forget a subject's trust on a running gateway (through its admin API).",
        subcommands = {TrustCommand.Explain.class, TrustCommand.Forget.class})
public final class TrustCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    abstract static class AdminCall implements Callable<Integer> {
        @Parameters(paramLabel = "SUBJECT", description = "e.g. key:clinic-app")
        String subject;

        @Option(names = "--admin", defaultValue = "http://127.0.0.1:9090", description = "admin base URL")
        String admin;

        @Option(names = "--token-env", defaultValue = "RAMPART_ADMIN_TOKEN",
                description = "environment variable holding the admin token")
        String tokenEnv;

        abstract String method();

        @Override
        public Integer call() throws Exception {
            String token = System.getenv(tokenEnv);
            if (token == null || token.isBlank()) {
                System.err.println("rampart: set " + tokenEnv + " to the gateway's admin token");
                return 2;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(admin + "/admin/trust/"
                            + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("%3A", ":")))
                    .header("authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10))
                    .method(method(), HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            (response.statusCode() < 300 ? System.out : System.err).println(
                    response.body().isEmpty() ? "ok (" + response.statusCode() + ")" : response.body());
            return response.statusCode() < 300 ? 0 : 1;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Why a subject has its trust: authority part, history part, recent events.")
    static final class Explain extends AdminCall {
        @Override
        String method() {
            return "GET";
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Erase everything kept about a subject, in the store and every replica's cache.")
    static final class Forget extends AdminCall {
        @Override
        String method() {
            return "DELETE";
        }
    }
}
