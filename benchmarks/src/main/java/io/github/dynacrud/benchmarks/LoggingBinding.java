package io.github.dynacrud.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The todo example's jar without {@code dynacrud-lambda-logging}, so that a cold start with the binding can be
 * compared with one where SLF4J finds no provider and logs nothing, as the examples did before they shipped it.
 */
final class LoggingBinding {
    private static final String PACKAGE = "io/github/dynacrud/lambda/logging/";
    private static final String PROVIDERS = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

    private LoggingBinding() {
    }

    /**
     * Copies a function jar without the binding.
     *
     * @param jar    the function jar
     * @param target where to write the copy
     * @return the copy
     * @throws IllegalStateException when the jar holds no binding, which would make both runs the same
     */
    static Path strip(Path jar, Path target) throws IOException {
        int dropped = 0;
        try (JarFile in = new JarFile(jar.toFile());
                OutputStream file = Files.newOutputStream(target);
                JarOutputStream out = new JarOutputStream(file)) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(PACKAGE) || entry.getName().equals(PROVIDERS)) {
                    dropped++;
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
        }
        if (dropped == 0) {
            throw new IllegalStateException(jar + " holds no " + PACKAGE + ": nothing to compare");
        }
        return target;
    }
}
