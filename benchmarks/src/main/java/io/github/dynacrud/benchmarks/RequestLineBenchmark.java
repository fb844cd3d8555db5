package io.github.dynacrud.benchmarks;

import io.github.dynacrud.lambda.logging.internal.JsonLineLoggerFactory;
import io.github.dynacrud.lambda.logging.internal.LogSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;

/**
 * The warm cost of the request line {@code dynacrud-lambda-logging} writes for each request, as
 * {@code HttpApiHandler} logs it, with an invocation's trace header and MDC, into a stream that drops the bytes: the
 * write to the runtime's standard output is left out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestLineBenchmark {
    private Logger logger;

    /** Builds the logger as the provider does, with an invocation under way. */
    @Setup
    public void setUp() {
        System.setProperty("com.amazonaws.xray.traceHeader",
                "Root=1-67b0c0de-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1");
        BasicMDCAdapter mdc = new BasicMDCAdapter();
        mdc.put("correlation_id", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        mdc.put("function_request_id", "9659856f-d028-4bc0-8960-e667211ed9f1");
        PrintStream dropped = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        logger = new JsonLineLoggerFactory(LogSettings.from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "todos")), mdc,
                () -> dropped).getLogger("io.github.dynacrud.lambda");
    }

    /** Logs one request line. */
    @Benchmark
    public void requestLine() {
        logger.atInfo().addKeyValue("method", "POST").addKeyValue("route", "POST /todos").addKeyValue("status", 201)
                .addKeyValue("latency_ms", 12L).log("{} {}", "POST /todos", 201);
    }
}
