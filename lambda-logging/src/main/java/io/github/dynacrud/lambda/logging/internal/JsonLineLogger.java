package io.github.dynacrud.lambda.logging.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * Writes each event as one JSON line: {@code timestamp}, {@code level}, {@code message}, {@code logger},
 * {@code service} and {@code xray_trace_id} first (no event overrides them), then the event's key-value pairs, the MDC
 * entries, and an {@code error} object for a throwable.
 */
final class JsonLineLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;
    /** Set by the Java runtime interface client for each invocation; the environment variable never changes. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final transient LogSettings settings;
    private final transient BasicMDCAdapter mdc;
    private final transient Supplier<PrintStream> out;

    JsonLineLogger(String name, LogSettings settings, BasicMDCAdapter mdc, Supplier<PrintStream> out) {
        this.name = name;
        this.settings = settings;
        this.mdc = mdc;
        this.out = out;
    }

    @Override
    public boolean isTraceEnabled() {
        return settings.writes(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return settings.writes(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return settings.writes(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return settings.writes(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return settings.writes(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        write(level, pattern, arguments, throwable, List.of());
    }

    /** Events of SLF4J's fluent API, which carry key-value pairs. */
    @Override
    public void log(LoggingEvent event) {
        if (settings.writes(event.getLevel())) {
            write(event.getLevel(), event.getMessage(), event.getArgumentArray(), event.getThrowable(),
                    event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs());
        }
    }

    private void write(Level level, String pattern, Object[] arguments, Throwable throwable,
            List<KeyValuePair> pairs) {
        // Without a cause, a throwable as the last argument is one, as in SLF4J's classic calls.
        FormattingTuple message = throwable == null ? MessageFormatter.arrayFormat(pattern, arguments)
                : MessageFormatter.arrayFormat(pattern, arguments, throwable);
        Throwable error = throwable == null ? message.getThrowable() : throwable;
        JsonLine line = new JsonLine()
                .put("timestamp", JsonLine.timestamp(System.currentTimeMillis()))
                .put("level", level.name())
                .put("message", message.getMessage())
                .put("logger", name)
                .put("service", settings.service());
        String traceId = xrayTraceId();
        if (traceId != null) {
            line.put("xray_trace_id", traceId);
        }
        line.reserve("error");
        for (KeyValuePair pair : pairs) {
            line.put(pair.key, pair.value);
        }
        Map<String, String> context = mdc.getCopyOfContextMap();
        if (context != null) {
            context.forEach(line::put);
        }
        if (error != null) {
            StringWriter stack = new StringWriter();
            error.printStackTrace(new PrintWriter(stack));
            line.put("error", new JsonLine().put("name", error.getClass().getName())
                    .put("message", error.getMessage()).put("stack", stack.toString()));
        }
        out.get().print(line.end());
    }

    /** The root of the invocation's X-Ray trace header, as Powertools writes it: {@code 1-5759e988-bd862e3fe1be46a9}. */
    private String xrayTraceId() {
        String header = System.getProperty(TRACE_HEADER_PROPERTY, settings.environmentTraceHeader());
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String field = part.strip();
            if (field.startsWith("Root=")) {
                return field.substring("Root=".length());
            }
        }
        return null;
    }
}
