package io.github.dynacrud.lambda.logging;

import io.github.dynacrud.lambda.logging.internal.JsonLineLoggerFactory;
import io.github.dynacrud.lambda.logging.internal.LogSettings;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider that writes each log event as one JSON line on standard output, for CloudWatch Logs. SLF4J finds
 * it through {@code META-INF/services}: add the artifact to the function and every logger writes lines such as
 *
 * <pre>{@code
 * {"timestamp":"2026-01-01T12:00:00.123Z","level":"INFO","message":"POST /todos 201","logger":"io.github.dynacrud.lambda",
 *  "service":"todos","xray_trace_id":"1-67b0c0de-0123456789abcdef01234567","method":"POST","route":"POST /todos",
 *  "status":201,"latency_ms":12,"function_request_id":"6f1c...","correlation_id":"c6af9ac6-..."}
 * }</pre>
 *
 * <p>(one line in the output). The level threshold comes from {@code POWERTOOLS_LOG_LEVEL}, else
 * {@code AWS_LAMBDA_LOG_LEVEL}, else {@code INFO}; {@code service} from {@code POWERTOOLS_SERVICE_NAME}, else
 * {@code AWS_LAMBDA_FUNCTION_NAME}. The MDC and the key-value pairs of SLF4J's fluent API become keys of the line.
 */
public final class JsonLinesServiceProvider implements SLF4JServiceProvider {
    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    /** Creates the provider; SLF4J calls {@link #initialize()} before asking for loggers. */
    public JsonLinesServiceProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    /**
     * Reads the settings from the environment.
     *
     * @throws IllegalStateException when a level variable holds no SLF4J level
     */
    @Override
    public void initialize() {
        BasicMDCAdapter mdc = new BasicMDCAdapter();
        mdcAdapter = mdc;
        markerFactory = new BasicMarkerFactory();
        loggerFactory = new JsonLineLoggerFactory(LogSettings.from(System.getenv()), mdc, () -> System.out);
    }

    /** @return the factory of JSON line loggers */
    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    /** @return SLF4J's basic marker factory; markers do not appear in the lines */
    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    /** @return a per-thread MDC, whose entries every line carries */
    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    /** @return the SLF4J API version this provider implements */
    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
