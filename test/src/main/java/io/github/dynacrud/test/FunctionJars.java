package io.github.dynacrud.test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * What a function's jar must never hold: test and local-run code, DynamoDB Local, heavy HTTP clients. A test of the
 * function's build opens the shaded jar and fails when it holds any of them.
 *
 * <pre>{@code
 * assertThat(FunctionJars.forbidden(FunctionJars.entries(Path.of("target/function.jar")))).isEmpty();
 * }</pre>
 */
public final class FunctionJars {
    /**
     * Entry prefixes of the libraries and dynacrud artifacts that belong in tests or on a developer's machine, the local
     * API page's webjar and the OpenAPI checkers among them.
     */
    public static final List<String> FORBIDDEN = List.of("io/github/dynacrud/test/", "io/github/dynacrud/local/",
            "io/github/dynacrud/testing/", "com/amazonaws/services/dynamodbv2/local/", "com/almworks/sqlite4java/",
            "org/eclipse/jetty/", "org/junit/", "org/mockito/", "org/assertj/", "org/apache/http/", "org/apache/hc/",
            "io/netty/", "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
            "software/amazon/awssdk/http/nio/netty/", "org/yaml/snakeyaml/", "META-INF/resources/webjars/",
            "io/swagger/", "com/networknt/schema/");

    private FunctionJars() {
    }

    /**
     * Lists a jar's entries.
     *
     * @param jar the jar
     * @return the entry names, in jar order
     * @throws IOException when the jar cannot be read
     */
    public static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    /**
     * Finds what a function's jar must not hold.
     *
     * @param entries the jar's entry names
     * @return the forbidden entries, empty for a jar fit to deploy
     */
    public static List<String> forbidden(List<String> entries) {
        return entries.stream().filter(e -> FORBIDDEN.stream().anyMatch(e::startsWith)).toList();
    }
}
