package io.github.dynacrud.lambda.logging.internal;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;

/** Hands out one {@link JsonLineLogger} per name, all with the same settings, MDC and output. */
public final class JsonLineLoggerFactory implements ILoggerFactory {
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final LogSettings settings;
    private final BasicMDCAdapter mdc;
    private final Supplier<PrintStream> out;

    /**
     * Creates the factory.
     *
     * @param settings what the environment set
     * @param mdc      the MDC whose entries each line carries
     * @param out      where lines go, asked for each line: the Lambda runtime replaces {@code System.out} at start-up
     */
    public JsonLineLoggerFactory(LogSettings settings, BasicMDCAdapter mdc, Supplier<PrintStream> out) {
        this.settings = settings;
        this.mdc = mdc;
        this.out = out;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new JsonLineLogger(n, settings, mdc, out));
    }
}
