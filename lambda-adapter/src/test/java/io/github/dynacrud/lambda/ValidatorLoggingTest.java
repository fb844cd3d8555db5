package io.github.dynacrud.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Hibernate Validator logs through JBoss Logging, which on its own falls back to {@code java.util.logging}: a second
 * logging system to start on every cold start, printing in its own format. The adapter routes it to SLF4J instead.
 */
class ValidatorLoggingTest {
    @Test
    void jbossLogging_withTheAdapterOnTheClassPath_logsThroughSlf4j() {
        // GIVEN the adapter's service file, and no org.jboss.logging.provider system property
        assertThat(System.getProperty("org.jboss.logging.provider")).isNull();

        // WHEN
        Logger logger = Logger.getLogger("org.hibernate.validator.internal.util.Version");

        // THEN
        assertThat(logger.getClass().getName()).isEqualTo("org.jboss.logging.Slf4jLogger");
    }
}
