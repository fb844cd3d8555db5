package io.github.dynacrud.examples.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** Checks the jar that template.yaml deploys, as {@code package} built it, for what makes its logs show up. */
class UsersJarIT {
    private static final Path JAR = Path.of(System.getProperty("basedir", ".")).resolve("target/users-example.jar");

    @Test
    void jar_holdsTheJsonLinesBindingAsItsOnlySlf4jProvider() throws Exception {
        // GIVEN the jar
        assertThat(JAR).as("run after package").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            // WHEN
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();
            String providers;
            try (var in = jar.getInputStream(jar.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"))) {
                providers = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }

            // THEN
            assertThat(entries).contains("io/github/dynacrud/examples/users/UserHandler.class",
                    "io/github/dynacrud/lambda/logging/JsonLinesServiceProvider.class",
                    "org/slf4j/LoggerFactory.class");
            assertThat(providers.strip()).isEqualTo("io.github.dynacrud.lambda.logging.JsonLinesServiceProvider");
        }
    }
}
