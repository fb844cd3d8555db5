package io.github.dynacrud.lambda.logging.internal;

import java.util.Locale;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * What the JSON lines provider reads from a function's environment, once, when SLF4J starts it.
 *
 * @param threshold           the least severe level written
 * @param service             the {@code service} key of every line
 * @param environmentTraceHeader {@code _X_AMZN_TRACE_ID} as the process started with it, or {@code null}
 */
public record LogSettings(Level threshold, String service, String environmentTraceHeader) {
    /** Powertools' own variables first, then Lambda's advanced logging controls. */
    private static final String[] LEVEL_VARIABLES = {"POWERTOOLS_LOG_LEVEL", "AWS_LAMBDA_LOG_LEVEL"};
    private static final String[] SERVICE_VARIABLES = {"POWERTOOLS_SERVICE_NAME", "AWS_LAMBDA_FUNCTION_NAME"};
    /** Powertools' name for a service nobody named. */
    static final String UNDEFINED_SERVICE = "service_undefined";

    /**
     * Reads the settings.
     *
     * @param environment the function's environment variables
     * @return the settings
     * @throws IllegalStateException when a level variable holds no SLF4J level (Lambda's {@code FATAL} is
     *                               {@code ERROR})
     */
    public static LogSettings from(Map<String, String> environment) {
        Level threshold = Level.INFO;
        String levelVariable = first(environment, LEVEL_VARIABLES);
        if (levelVariable != null) {
            threshold = level(levelVariable, environment.get(levelVariable));
        }
        String serviceVariable = first(environment, SERVICE_VARIABLES);
        return new LogSettings(threshold,
                serviceVariable == null ? UNDEFINED_SERVICE : environment.get(serviceVariable).strip(),
                environment.get("_X_AMZN_TRACE_ID"));
    }

    /** @return the first variable set to a non-blank value, or {@code null} */
    private static String first(Map<String, String> environment, String[] variables) {
        for (String variable : variables) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return variable;
            }
        }
        return null;
    }

    private static Level level(String variable, String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (name.equals("FATAL")) {
            return Level.ERROR;
        }
        for (Level level : Level.values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        throw new IllegalStateException(variable + " is '" + value + "', which is not a log level: use TRACE, DEBUG,"
                + " INFO, WARN or ERROR");
    }

    /**
     * Tells whether events of a level are written.
     *
     * @param level the event's level
     * @return {@code true} when the level is at least the threshold
     */
    public boolean writes(Level level) {
        return level.toInt() >= threshold.toInt();
    }
}
