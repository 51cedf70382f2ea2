package dev.rampart.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What an operator expects of any JVM service: memory pools, GC pauses and pressure, threads, class loading, JIT,
 * CPU, open files, uptime ({@code jvm_*}, {@code process_*}, {@code system_*}), and {@code rampart_build_info}
 * (always 1, the version in its tags). Binders that hold listeners (GC, heap pressure) are released by {@link #close}.
 */
final class OperatorMeters implements AutoCloseable {
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();

    OperatorMeters(MeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        heapPressure.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new JvmCompilationMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        BuildInfo build = BuildInfo.load();
        Gauge.builder("rampart.build.info", () -> 1)
                .description("Always 1; the gateway's version, and the Java runtime it runs on, in the tags")
                .tag("version", build.version())
                .tag("java_version", System.getProperty("java.version", "unknown"))
                .tag("java_vendor", System.getProperty("java.vendor", "unknown"))
                .register(registry);
    }

    @Override
    public void close() {
        gc.close();
        heapPressure.close();
    }

    /** The version Maven wrote into {@code rampart/build.properties} (resource filtering), or "unknown". */
    record BuildInfo(String version) {
        static BuildInfo load() {
            Properties p = new Properties();
            try (InputStream in = OperatorMeters.class.getResourceAsStream("/rampart/build.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                return new BuildInfo("unknown");
            }
            String version = p.getProperty("version", "unknown");
            return new BuildInfo(version.startsWith("${") ? "unknown" : version);
        }
    }
}
