package dev.rampart.tests;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A gateway in its own JVM, as an operator runs it: {@code rampart serve} with ports picked by the OS. */
final class GatewayProcess implements AutoCloseable {
    final Process process;
    final int publicPort;
    final int adminPort;

    private GatewayProcess(Process process, int publicPort, int adminPort) {
        this.process = process;
        this.publicPort = publicPort;
        this.adminPort = adminPort;
    }

    static GatewayProcess serve(Path config) throws Exception {
        return serve(config, List.of());
    }

    /** As {@link #serve(Path)}, with the JVM started under {@code wrapper} (e.g. strace and its options). */
    static GatewayProcess serve(Path config, List<String> wrapper) throws Exception {
        return serve(config, wrapper, java.util.Map.of(), ProcessBuilder.Redirect.DISCARD);
    }

    /** As {@link #serve(Path)}, with extra environment variables and the gateway's stderr (its log) in {@code log}. */
    static GatewayProcess serve(Path config, java.util.Map<String, String> env, Path log) throws Exception {
        return serve(config, List.of(), env, ProcessBuilder.Redirect.to(log.toFile()));
    }

    private static GatewayProcess serve(Path config, List<String> wrapper, java.util.Map<String, String> env,
                                        ProcessBuilder.Redirect stderr) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.rampart.gateway.Main",
                "serve", "--config", config.toString(), "--port", "0", "--admin-port", "0",
                "--data-dir", java.nio.file.Files.createTempDirectory("rampart-replica").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr);
        pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Integer publicPort = null;
        Integer adminPort = null;
        String line;
        while ((publicPort == null || adminPort == null) && (line = out.readLine()) != null) {
            if (line.startsWith("listening public=")) {
                publicPort = Integer.parseInt(line.substring("listening public=".length()));
            } else if (line.startsWith("listening admin=")) {
                adminPort = Integer.parseInt(line.substring("listening admin=".length()));
            }
        }
        if (publicPort == null || adminPort == null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException("the gateway did not start");
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe flowing
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        GatewayProcess started = new GatewayProcess(p, publicPort, adminPort);
        started.awaitReady();
        return started;
    }

    /** Polls {@code /readyz} (every 50 ms, at most 60 s) until the gateway's classifiers are loaded. */
    void awaitReady() {
        try {
            Readiness.await(adminPort, process::isAlive);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Stops the gateway and everything it started. Under a wrapper the gateway JVM is the wrapper's child: strace, sent
     * SIGTERM, detaches and leaves its tracee running, so descendants are stopped first.
     */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        List<ProcessHandle> all = new ArrayList<>(descendants);
        all.add(process.toHandle());
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }
}
