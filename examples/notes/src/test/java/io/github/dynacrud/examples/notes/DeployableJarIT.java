package io.github.dynacrud.examples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.test.FunctionJars;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the jar that template.yaml deploys, as {@code package} built it: the handler in, test code out. */
class DeployableJarIT {
    private static final Path JAR = Path.of(System.getProperty("basedir", ".")).resolve("target/notes-example.jar");

    @Test
    void jar_holdsTheHandlerAndTheLibraryButNoTestCodeNorHeavyClient() throws Exception {
        // GIVEN
        assertThat(JAR).as("run after package").isRegularFile();

        // WHEN
        List<String> entries = FunctionJars.entries(JAR);

        // THEN
        assertThat(entries).contains(
                "io/github/dynacrud/examples/notes/NotesHandler.class",
                "io/github/dynacrud/examples/notes/Notebook.class",
                "io/github/dynacrud/examples/notes/Note.class",
                "io/github/dynacrud/lambda/HttpApiHandler.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                "org/hibernate/validator/constraints/UniqueElements.class",
                "io/github/dynacrud/lambda/logging/JsonLinesServiceProvider.class");
        assertThat(FunctionJars.forbidden(entries)).isEmpty();
        assertThat(entries).noneMatch(e -> e.endsWith("Test.class") || e.endsWith("IT.class")
                || e.equals("io/github/dynacrud/examples/notes/NotesLocal.class"));
    }
}
