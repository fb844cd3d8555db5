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
     * JMH's settings: two forks, each five one-second iterations after four of warm-up, with the allocation profiler.
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
                + " marshalling, signing and parsing (JMH, average time; allocation from `-prof gc`).");
        for (String operation : OPERATIONS) {
            report.row("`" + operation + "`: time, ns/op",
                    score(results, operation, Contender.DYNACRUD, null),
                    score(results, operation, Contender.BASELINE, null), "%,.0f", 2.0);
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
                return String.format(Locale.ROOT, "On a warm function, writing one request line takes %,.0f ns and"
                        + " allocates %,.0f bytes (JMH, `RequestLineBenchmark`, into a stream that drops the bytes),"
                        + " against %,.0f ns and %,.0f bytes for a whole `create` above.",
                        result.getPrimaryResult().getScore(),
                        result.getSecondaryResults().get(ALLOCATION).getScore(),
                        score(results, "create", Contender.DYNACRUD, null),
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
                return score.getScore();
            }
        }
        throw new IllegalStateException("JMH reported nothing for " + operation + " of " + contender);
    }
}
