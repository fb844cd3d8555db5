package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private static final Map<String, String> LAMBDA = Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token");

    @Test
    void inEnvironment_keysInTheEnvironment_isTrue() {
        assertThat(Credentials.inEnvironment(LAMBDA, new Properties())).isTrue();
    }

    @Test
    void inEnvironment_noKeysAsWithSnapStartsContainerCredentials_isFalse() {
        // GIVEN the variables a SnapStart function gets instead of keys
        Map<String, String> snapStart = Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token");

        // WHEN / THEN
        assertThat(Credentials.inEnvironment(snapStart, new Properties())).isFalse();
    }

    @Test
    void inEnvironment_onlyOneKeyOrABlankOne_isFalse() {
        assertThat(Credentials.inEnvironment(Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE"), new Properties())).isFalse();
        assertThat(Credentials.inEnvironment(Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", " "),
                new Properties())).isFalse();
    }

    @Test
    void inEnvironment_systemPropertyTheChainReadsFirst_isFalse() {
        // GIVEN
        Properties system = new Properties();
        system.setProperty("aws.accessKeyId", "AKIAFROMPROPERTIES");

        // WHEN / THEN
        assertThat(Credentials.inEnvironment(LAMBDA, system)).isFalse();
    }
}
