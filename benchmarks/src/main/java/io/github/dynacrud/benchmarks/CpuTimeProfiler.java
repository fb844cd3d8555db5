package io.github.dynacrud.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark's JVM spent per operation ({@value #CPU_TIME}): the request's
 * own work and the collections it causes. On a machine shared with other processes, waiting for a core stretches the
 * wall-clock average of whichever handler happened to run at a busy moment; CPU time does not include that wait.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    /** The name of the secondary result. */
    static final String CPU_TIME = "cpu.time.norm";

    private final com.sun.management.OperatingSystemMXBean system =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startNanos;

    /** Creates the profiler, as JMH does by name. */
    public CpuTimeProfiler() {
        // JMH instantiates profilers reflectively.
    }

    @Override
    public String getDescription() {
        return "CPU time of the benchmark's JVM per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startNanos = system.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpuNanos = system.getProcessCpuTime() - startNanos;
        // All operations, as JMH's allocation profiler counts them: the CPU time covers the whole iteration too.
        long operations = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult(CPU_TIME, (double) cpuNanos / operations, "ns/op", AggregationPolicy.AVG));
    }
}
