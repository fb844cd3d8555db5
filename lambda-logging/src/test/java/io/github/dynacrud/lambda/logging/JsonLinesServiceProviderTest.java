package io.github.dynacrud.lambda.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JsonLinesServiceProviderTest {
    @Test
    void onTheClassPath_isTheProviderSlf4jFindsAndWritesToSystemOut() {
        // GIVEN
        PrintStream original = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            // WHEN
            MDC.put("correlation_id", "apigw-1");
            LoggerFactory.getLogger("found").info("hello");
        } finally {
            MDC.remove("correlation_id");
            System.setOut(original);
        }

        // THEN
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("io.github.dynacrud.lambda.logging.internal.JsonLineLoggerFactory");
        assertThat(output.toString(StandardCharsets.UTF_8))
                .matches("\\{\"timestamp\":\"[^\"]+\",\"level\":\"INFO\",\"message\":\"hello\",\"logger\":\"found\","
                        + "\"service\":\"[^\"]+\",\"correlation_id\":\"apigw-1\"}\n");
    }
}
