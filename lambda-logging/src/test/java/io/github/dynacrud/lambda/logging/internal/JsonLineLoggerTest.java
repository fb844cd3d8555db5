package io.github.dynacrud.lambda.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;

class JsonLineLoggerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_HEADER =
            "Root=1-67b0c0de-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1";

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private final BasicMDCAdapter mdc = new BasicMDCAdapter();

    @AfterEach
    void clearTraceHeader() {
        System.clearProperty(JsonLineLogger.TRACE_HEADER_PROPERTY);
    }

    @Test
    void fluentInfo_writesOneLineWithPowertoolsKeysThenPairsThenMdc() throws IOException {
        // GIVEN a function named todos, in an invocation with a trace header and a request id in the MDC
        Logger logger = logger(Map.of("AWS_LAMBDA_FUNCTION_NAME", "todos"));
        System.setProperty(JsonLineLogger.TRACE_HEADER_PROPERTY, TRACE_HEADER);
        mdc.put("function_request_id", "8f5c3a8e-lambda");
        long before = System.currentTimeMillis();

        // WHEN
        logger.atInfo().addKeyValue("method", "POST").addKeyValue("status", 201).addKeyValue("latency_ms", 12L)
                .addKeyValue("route", (Object) null).log("POST {} {}", "/todos", 201);

        // THEN
        JsonNode line = onlyLine();
        assertThat(names(line)).containsExactly("timestamp", "level", "message", "logger", "service", "xray_trace_id",
                "method", "status", "latency_ms", "route", "function_request_id");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("message").asText()).isEqualTo("POST /todos 201");
        assertThat(line.get("logger").asText()).isEqualTo("io.github.dynacrud.lambda");
        assertThat(line.get("service").asText()).isEqualTo("todos");
        assertThat(line.get("xray_trace_id").asText()).isEqualTo("1-67b0c0de-0123456789abcdef01234567");
        assertThat(line.get("method").asText()).isEqualTo("POST");
        assertThat(line.get("status").isInt()).isTrue();
        assertThat(line.get("status").asInt()).isEqualTo(201);
        assertThat(line.get("latency_ms").asLong()).isEqualTo(12);
        assertThat(line.get("route").isNull()).isTrue();
        assertThat(line.get("function_request_id").asText()).isEqualTo("8f5c3a8e-lambda");
        String timestamp = line.get("timestamp").asText();
        assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(timestamp).toEpochMilli()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void timestamp_isUtcWithMillisecondsAlways() {
        // WHEN / THEN
        assertThat(JsonLine.timestamp(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(JsonLine.timestamp(Instant.parse("2026-02-28T23:59:59.007Z").toEpochMilli()))
                .isEqualTo("2026-02-28T23:59:59.007Z");
        assertThat(JsonLine.timestamp(Instant.parse("1969-12-31T23:59:59.999Z").toEpochMilli()))
                .isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    void pairsAndMdc_cannotOverrideTheStandardKeysNorTheError() throws IOException {
        // GIVEN
        Logger logger = logger(Map.of("POWERTOOLS_SERVICE_NAME", "billing"));
        mdc.put("service", "from-mdc");

        // WHEN
        logger.atWarn().addKeyValue("level", "DEBUG").addKeyValue("error", "not an error").setCause(new Exception("x"))
                .log("careful");

        // THEN
        JsonNode line = onlyLine();
        assertThat(names(line)).containsExactly("timestamp", "level", "message", "logger", "service", "error");
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("service").asText()).isEqualTo("billing");
        assertThat(line.get("error").get("message").asText()).isEqualTo("x");
    }

    @Test
    void throwable_becomesAnErrorObjectOnTheSameLine() throws IOException {
        // GIVEN
        Logger logger = logger(Map.of());

        // WHEN the throwable is the last argument, as classic SLF4J calls pass it
        logger.error("failed for {}", "req-1", new IllegalStateException("broken\n\"state\""));

        // THEN
        assertThat(output.toString(StandardCharsets.UTF_8)).as("one line").containsOnlyOnce("\n").endsWith("}\n");
        JsonNode line = onlyLine();
        assertThat(line.get("message").asText()).isEqualTo("failed for req-1");
        assertThat(line.get("service").asText()).isEqualTo("service_undefined");
        assertThat(names(line.get("error"))).containsExactly("name", "message", "stack");
        assertThat(line.get("error").get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("error").get("message").asText()).isEqualTo("broken\n\"state\"");
        assertThat(line.get("error").get("stack").asText())
                .startsWith("java.lang.IllegalStateException: broken\n\"state\"\n\tat ")
                .contains("JsonLineLoggerTest.throwable_becomesAnErrorObjectOnTheSameLine");
    }

    @Test
    void message_withQuotesControlCharactersAndUnicode_isEscapedAndReadBackUnchanged() throws IOException {
        // GIVEN
        Logger logger = logger(Map.of());
        String message = "tab\there \"quoted\" back\\slash\r\nbell\u0007 é \u2028 😀";

        // WHEN
        logger.info(message);

        // THEN
        assertThat(output.toString(StandardCharsets.UTF_8)).containsOnlyOnce("\n");
        assertThat(onlyLine().get("message").asText()).isEqualTo(message);
    }

    @Test
    void pairValues_thatAreNoJsonNumbers_areWrittenAsStrings() throws IOException {
        // GIVEN
        Logger logger = logger(Map.of());

        // WHEN
        logger.atInfo().addKeyValue("nan", Double.NaN).addKeyValue("ok", true).addKeyValue("ratio", 0.5)
                .addKeyValue("list", List.of("a", "b")).log("values");

        // THEN
        JsonNode line = onlyLine();
        assertThat(line.get("nan").asText()).isEqualTo("NaN");
        assertThat(line.get("ok").isBoolean()).isTrue();
        assertThat(line.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(line.get("list").asText()).isEqualTo("[a, b]");
    }

    @Test
    void infoThreshold_dropsDebugAndTrace() {
        // GIVEN no level variable
        Logger logger = logger(Map.of());

        // WHEN
        logger.debug("hidden");
        logger.atTrace().addKeyValue("k", "v").log("hidden");

        // THEN
        assertThat(logger.isDebugEnabled()).isFalse();
        assertThat(logger.isInfoEnabled()).isTrue();
        assertThat(output.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void powertoolsLogLevel_winsOverLambdasLogLevel() throws IOException {
        // GIVEN
        Logger logger = logger(Map.of("POWERTOOLS_LOG_LEVEL", "debug", "AWS_LAMBDA_LOG_LEVEL", "ERROR"));

        // WHEN
        logger.debug("shown");

        // THEN
        assertThat(onlyLine().get("level").asText()).isEqualTo("DEBUG");
    }

    @Test
    void lambdasLogLevel_appliesAndFatalMeansError() {
        // GIVEN
        Logger warn = logger(Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN"));
        Logger fatal = logger(Map.of("AWS_LAMBDA_LOG_LEVEL", "FATAL"));

        // WHEN / THEN
        assertThat(List.of(warn.isInfoEnabled(), warn.isWarnEnabled())).containsExactly(false, true);
        assertThat(List.of(fatal.isWarnEnabled(), fatal.isErrorEnabled())).containsExactly(false, true);
    }

    @Test
    void unknownLevel_isRefusedNamingTheVariable() {
        // WHEN / THEN
        assertThatThrownBy(() -> LogSettings.from(Map.of("POWERTOOLS_LOG_LEVEL", "verbose")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("POWERTOOLS_LOG_LEVEL is 'verbose', which is not a log level: use TRACE, DEBUG, INFO, WARN"
                        + " or ERROR");
    }

    @Test
    void traceHeader_fromTheEnvironment_whenTheRuntimeSetNoProperty() throws IOException {
        // GIVEN
        Logger logger = logger(Map.of("_X_AMZN_TRACE_ID", "Sampled=0;Root=1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa"));

        // WHEN
        logger.info("traced");

        // THEN
        assertThat(onlyLine().get("xray_trace_id").asText()).isEqualTo("1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa");
    }

    @Test
    void noTraceHeader_leavesTheKeyOut() throws IOException {
        // GIVEN
        Logger logger = logger(Map.of());

        // WHEN
        logger.info("untraced");

        // THEN
        assertThat(names(onlyLine())).containsExactly("timestamp", "level", "message", "logger", "service");
    }

    private Logger logger(Map<String, String> environment) {
        return new JsonLineLoggerFactory(LogSettings.from(environment), mdc, () -> out)
                .getLogger("io.github.dynacrud.lambda");
    }

    private JsonNode onlyLine() throws IOException {
        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        return JSON.readTree(lines.get(0));
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }
}
