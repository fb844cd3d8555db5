package io.github.dynacrud.internal;

import java.util.Map;
import java.util.Properties;

/**
 * Where the AWS SDK's default credentials chain would find credentials, for the cases a client can say so directly.
 */
public final class Credentials {
    private Credentials() {
    }

    /**
     * Tells whether the default chain would take its credentials from the environment variables: they are set, and
     * the system properties it reads first are not.
     *
     * @param environment the process's environment variables
     * @param system      its system properties
     * @return {@code true} when {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are set and
     *         {@code aws.accessKeyId} is not
     */
    public static boolean inEnvironment(Map<String, String> environment, Properties system) {
        return isSet(environment.get("AWS_ACCESS_KEY_ID")) && isSet(environment.get("AWS_SECRET_ACCESS_KEY"))
                && !isSet(system.getProperty("aws.accessKeyId"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
