package dev.rampart.gateway.cli;

import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart serve}: runs the gateway from a config file, with flags that override it. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway. Flags override the config file; port 0 picks a free port.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "gateway.yaml (default: embedded defaults)")
    Path config;

    @Option(names = "--upstream", paramLabel = "URL",
            description = "a single OpenAI-compatible upstream base URL (e.g. http://127.0.0.1:8000/v1); its models are discovered")
    String upstream;

    @Option(names = "--policy", paramLabel = "FILE", description = "policy pack (default: builtin:default)")
    String policy;

    @Option(names = "--port", paramLabel = "N", description = "public port")
    Integer port;

    @Option(names = "--admin-port", paramLabel = "N", description = "admin port")
    Integer adminPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where durable state is kept")
    String dataDir;

    @Override
    public Integer call() {
        ConfigLoader.Overrides overrides = new ConfigLoader.Overrides(upstream, policy, port, adminPort, dataDir);
        ConfigLoader.Result result = config == null
                ? ConfigLoader.parse("(defaults)", "{}", overrides)
                : ConfigLoader.load(config, overrides);
        if (!result.ok()) {
            System.err.println("rampart: the configuration is invalid:");
            result.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        }
        GatewayConfig cfg = result.config();
        if (cfg.upstreams().isEmpty()) {
            System.err.println("rampart: no upstream configured; only /v1/moderations and /v1/models will answer "
                    + "(use --upstream URL, a config file, or 'rampart demo')");
        }
        return Launcher.runUntilStopped(cfg, null);
    }
}
