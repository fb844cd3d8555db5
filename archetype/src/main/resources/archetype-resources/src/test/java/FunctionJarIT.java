package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The jar template.yaml deploys holds the handler and nothing that belongs in tests or on a developer's machine. */
class FunctionJarIT {
    /** Test and local-run code, DynamoDB Local and the HTTP clients a function does without. */
    private static final List<String> FORBIDDEN = List.of("io/github/dynacrud/test/", "io/github/dynacrud/local/",
            "com/amazonaws/services/dynamodbv2/local/", "com/almworks/sqlite4java/", "org/eclipse/jetty/",
            "org/junit/", "org/mockito/", "org/assertj/", "org/apache/http/", "org/apache/hc/", "io/netty/",
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
            "software/amazon/awssdk/http/nio/netty/");

    @Test
    void functionJar_holdsTheHandlerAndNoTestOrLocalCode() throws Exception {
        // GIVEN
        List<String> entries;
        try (JarFile jar = new JarFile(Path.of("target", "function.jar").toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }

        // THEN
        String handler = TaskHandler.class.getName().replace('.', '/') + ".class";
        assertThat(entries).contains(handler, "io/github/dynacrud/lambda/HttpApiHandler.class");
        assertThat(entries).filteredOn(entry -> FORBIDDEN.stream().anyMatch(entry::startsWith)).isEmpty();
    }
}
