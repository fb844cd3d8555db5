package io.github.dynacrud.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupScalingTest {
    @TempDir
    Path directory;

    @Test
    void slope_pointsOnALine_isTheLinesSlope() {
        assertThat(StartupScaling.slope(List.of(1.0, 10.0, 30.0), List.of(102.0, 120.0, 160.0)))
                .isCloseTo(2.0, within(1e-9));
    }

    @Test
    void slope_scatteredPoints_isTheLeastSquaresFit() {
        // GIVEN points around y = x, whose fit is known: mean x 2, mean y 2.333, slope 1.5
        assertThat(StartupScaling.slope(List.of(1.0, 2.0, 3.0), List.of(1.0, 1.0, 4.0))).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void compile_generatedHandlers_buildTheirEntitiesAndTimeTheirConstruction() throws Exception {
        // GIVEN
        Path classes = ScaledHandlers.compile(directory, ScaledHandlers.Constraints.HIBERNATE_VALIDATOR,
                List.of(1, 3), System.getProperty("java.class.path"));

        // WHEN
        String printed;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            printed = printedBy(() -> loader.loadClass(ScaledHandlers.handlerClass(3)).getMethod("main",
                    String[].class).invoke(null, (Object) new String[0]));
            // THEN every entity type up to the largest handler's was generated, the handler's resources too
            assertThat(loader.loadClass(ScaledHandlers.PACKAGE + ".Entity3").getField("ENTITY").get(null)).isNotNull();
        }
        assertThat(printed.strip()).matches("[0-9.]+\t[0-9.]+\t[0-9.]+");
        assertThat(ScaledHandlers.handler(3)).contains(".resource(\"/e1\"", ".resource(\"/e3\"")
                .doesNotContain("/e4");
        assertThat(ScaledHandlers.entity(2, ScaledHandlers.Constraints.BUILT_IN))
                .contains("@NotBlank @Size(max = 100) String name", "@NotNull String status",
                        ".index(\"GSI1\", \"USER#{ownerId}\", \"E2#{status}#{id}\")");
    }

    private static String printedBy(ThrowingRunnable action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
