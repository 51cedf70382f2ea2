package dev.rampart.gateway;

import dev.rampart.gateway.cli.DemoCommand;
import dev.rampart.gateway.cli.PolicyCommand;
import dev.rampart.gateway.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code rampart} launcher. */
@Command(name = "rampart", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Rampart: a guardrail and moderation gateway for LLM traffic (OpenAI-compatible).",
        subcommands = {ServeCommand.class, DemoCommand.class, PolicyCommand.class,
                dev.rampart.gateway.cli.TrustCommand.class, dev.rampart.gateway.cli.DecisionsCommand.class,
                dev.rampart.gateway.cli.MockLlmCommand.class, dev.rampart.gateway.cli.TrainCommand.class,
                dev.rampart.gateway.cli.EvalCommand.class, dev.rampart.gateway.cli.BenchCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || args.length == 0 || !isServer(args[0])) {
            System.exit(code);
        }
    }

    private static boolean isServer(String command) {
        return "serve".equals(command) || "demo".equals(command) || "mock-llm".equals(command);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The version from the jar manifest. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rampart " + (v == null ? "dev" : v)};
        }
    }
}
