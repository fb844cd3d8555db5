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
        // WHEN
        String output = printed(() -> {
            MDC.put("correlation_id", "apigw-1");
            try {
                LoggerFactory.getLogger("found").info("hello");
            } finally {
                MDC.remove("correlation_id");
            }
        });

        // THEN
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("io.github.dynacrud.lambda.logging.internal.JsonLineLoggerFactory");
        assertThat(output)
                .matches("\\{\"timestamp\":\"[^\"]+\",\"level\":\"INFO\",\"message\":\"hello\",\"logger\":\"found\","
                        + "\"service\":\"[^\"]+\",\"correlation_id\":\"apigw-1\"}\n");
    }

    @Test
    void guidesOwnLogLine_carriesItsPairsAsKeys() {
        // WHEN
        String output = printed(() -> new GuideOrderService().ship("order-7", 3));

        // THEN
        assertThat(output)
                .matches("\\{\"timestamp\":\"[^\"]+\",\"level\":\"INFO\",\"message\":\"order shipped\","
                        + "\"logger\":\"io.github.dynacrud.lambda.logging.GuideOrderService\",\"service\":\"[^\"]+\","
                        + "\"order_id\":\"order-7\",\"items\":3}\n");
    }

    /** Runs an action and returns what it printed on standard output, where Lambda reads a function's logs. */
    private static String printed(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return output.toString(StandardCharsets.UTF_8);
    }
}
