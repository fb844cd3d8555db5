package io.github.dynacrud.benchmarks;

import io.github.dynacrud.lambda.deploy.FunctionProcess;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** How {@link HandlerBenchmark} runs, and how its results read. */
final class WarmRequests {
    private static final List<String> OPERATIONS = List.of("create", "get", "list", "patch");
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private WarmRequests() {
    }

    /**
     * JMH's settings: two forks, each five one-second iterations after four of warm-up, with the allocation profiler
     * and {@link CpuTimeProfiler}.
     * The forks run with the JIT and collector Lambda's Java runtime uses (C1 only, serial GC), so the figures are
     * those of a warm function, not of a server JVM; no SLF4J provider is bound, as in the deployed jars.
     *
     * @return the options
     */
    static Options options() {
        return new OptionsBuilder()
                .include(Pattern.quote(HandlerBenchmark.class.getName()) + "\\.")
                .include(Pattern.quote(RequestLineBenchmark.class.getName()) + "\\.")
                .forks(2)
                .warmupIterations(4)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .addProfiler(CpuTimeProfiler.class)
                .jvmArgs(FunctionProcess.LAMBDA_JVM_OPTIONS.toArray(String[]::new))
                .jvmArgsAppend("-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider")
                .build();
    }

    /**
     * Adds a section of CPU time and allocation per request to a report.
     *
     * @param results JMH's results of {@link #options()}
     * @param report  the report
     */
    static void report(Collection<RunResult> results, Report report) {
        report.section("Warm requests", "`handleRequest` on a warm handler whose `DynamoDbClient` is the SDK's own on"
                + " an HTTP client that answers from memory (`CannedDynamoDbHttp`), so both handlers pay the SDK's"
                + " marshalling, signing and parsing (JMH, medians of ten one-second iterations; allocation from"
                + " `-prof gc`). The target holds the CPU time the JVM spent per request (`CpuTimeProfiler`), which"
                + " waiting for a core on a busy machine does not stretch as it stretches the wall-clock time beside"
                + " it.");
        for (String operation : OPERATIONS) {
            report.row("`" + operation + "`: CPU time, ns/op",
                    score(results, operation, Contender.DYNACRUD, CpuTimeProfiler.CPU_TIME),
                    score(results, operation, Contender.BASELINE, CpuTimeProfiler.CPU_TIME), "%,.0f", 2.0);
        }
        for (String operation : OPERATIONS) {
            report.row("`" + operation + "`: wall-clock time, ns/op",
                    score(results, operation, Contender.DYNACRUD, null),
                    score(results, operation, Contender.BASELINE, null), "%,.0f", 0);
        }
        for (String operation : OPERATIONS) {
            report.row("`" + operation + "`: allocated, bytes/op",
                    score(results, operation, Contender.DYNACRUD, ALLOCATION),
                    score(results, operation, Contender.BASELINE, ALLOCATION), "%,.0f", 2.0);
        }
    }

    /**
     * Says what writing one request line costs a warm function.
     *
     * @param results JMH's results of {@link #options()}
     * @return a sentence with the time and allocation of one line, beside those of a whole create
     */
    static String requestLine(Collection<RunResult> results) {
        for (RunResult result : results) {
            if (result.getParams().getBenchmark().equals(RequestLineBenchmark.class.getName() + ".requestLine")) {
                return String.format(Locale.ROOT, "On a warm function, writing one request line takes %,.0f ns of CPU"
                        + " and allocates %,.0f bytes (JMH, `RequestLineBenchmark`, into a stream that drops the bytes),"
                        + " against %,.0f ns and %,.0f bytes for a whole `create` above.",
                        median(result.getSecondaryResults().get(CpuTimeProfiler.CPU_TIME)),
                        median(result.getSecondaryResults().get(ALLOCATION)),
                        score(results, "create", Contender.DYNACRUD, CpuTimeProfiler.CPU_TIME),
                        score(results, "create", Contender.DYNACRUD, ALLOCATION));
            }
        }
        throw new IllegalStateException("JMH reported nothing for " + RequestLineBenchmark.class.getSimpleName());
    }

    private static double score(Collection<RunResult> results, String operation, Contender contender,
            String secondary) {
        for (RunResult result : results) {
            if (result.getParams().getBenchmark().endsWith("." + operation)
                    && contender.name().equals(result.getParams().getParam("contender"))) {
                Result<?> score = secondary == null ? result.getPrimaryResult()
                        : result.getSecondaryResults().get(secondary);
                if (score == null) {
                    throw new IllegalStateException("JMH reported no " + secondary + " for " + operation);
                }
                return median(score);
            }
        }
        throw new IllegalStateException("JMH reported nothing for " + operation + " of " + contender);
    }

    /**
     * The median of a result's iterations: the first iterations of a fork can still pay for compiling the code they
     * run, on a machine whose other work slows that down, and one such iteration moves a mean of ten.
     */
    private static double median(Result<?> result) {
        return result.getStatistics().getPercentile(50);
    }
}
