package io.github.dynacrud.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Writes and compiles handlers of many generated entity types, for {@link StartupScaling}: {@code Entity1} to
 * {@code EntityN}, each a record with a few constraints, a version and a secondary index, and one handler per size
 * ({@code ScaledHandler10} serves the first ten) whose {@code main} times its own construction, as Lambda's init runs
 * it, and prints the milliseconds: the client's, the handler's, and the handler's CPU time on its thread.
 */
final class ScaledHandlers {
    /** The package of the generated classes. */
    static final String PACKAGE = "io.github.dynacrud.benchmarks.generated";

    private ScaledHandlers() {
    }

    /**
     * Which constraints each generated entity carries.
     */
    enum Constraints {
        /** {@code @NotBlank}, {@code @Size}, {@code @Min}, {@code @Max} and {@code @NotNull}: dynacrud checks them. */
        BUILT_IN("@NotNull"),
        /** The same with an {@code @Email} in place of a {@code @NotNull}, which only Hibernate Validator checks. */
        HIBERNATE_VALIDATOR("@Email");

        private final String statusConstraint;

        Constraints(String statusConstraint) {
            this.statusConstraint = statusConstraint;
        }
    }

    /**
     * Writes the sources of the entities and handlers and compiles them.
     *
     * @param directory   where the sources and classes go
     * @param constraints the entities' constraints
     * @param sizes       the numbers of entity types of the handlers, such as 1, 10 and 30
     * @param classPath   dynacrud and its dependencies, such as a function jar
     * @return the directory of the compiled classes
     */
    static Path compile(Path directory, Constraints constraints, List<Integer> sizes, String classPath)
            throws IOException {
        Path sources = directory.resolve("src").resolve(PACKAGE.replace('.', File.separatorChar));
        Files.createDirectories(sources);
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<Path> files = new ArrayList<>();
        for (int n = 1; n <= largest; n++) {
            files.add(Files.writeString(sources.resolve("Entity" + n + ".java"), entity(n, constraints),
                    StandardCharsets.UTF_8));
        }
        for (int size : sizes) {
            files.add(Files.writeString(sources.resolve(handlerName(size) + ".java"), handler(size),
                    StandardCharsets.UTF_8));
        }
        Path classes = Files.createDirectories(directory.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the benchmarks need a JDK, with its compiler, to generate entities");
        }
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(errors, fileManager, null,
                    List.of("--release", "17", "-proc:none", "-classpath", classPath, "-d",
                            classes.toString()),
                    null, fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!compiled) {
                throw new IllegalStateException("the generated entities do not compile:\n" + errors);
            }
        }
        return classes;
    }

    /**
     * @param size the number of entity types
     * @return the handler's class name, with its package
     */
    static String handlerClass(int size) {
        return PACKAGE + "." + handlerName(size);
    }

    private static String handlerName(int size) {
        return "ScaledHandler" + size;
    }

    /** One entity record: an owner, a generated id, a version, three constrained attributes and an index. */
    static String entity(int n, Constraints constraints) {
        String name = "Entity" + n;
        String prefix = "E" + n;
        return """
                package %1$s;

                import io.github.dynacrud.entity.Entity;
                import jakarta.validation.constraints.Max;
                import jakarta.validation.constraints.Min;
                import jakarta.validation.constraints.NotBlank;
                import jakarta.validation.constraints.NotNull;
                import jakarta.validation.constraints.Email;
                import jakarta.validation.constraints.Size;

                /** Generated entity type %2$s. */
                public record %2$s(String ownerId, String id, @NotBlank @Size(max = 100) String name,
                        @Min(0) @Max(1000) int rank, %4$s String status, Long version) {
                    /** How it lives in the table. */
                    public static final Entity<%2$s> ENTITY = Entity.of(%2$s.class)
                            .type("%2$s")
                            .partitionKey("USER#{ownerId}")
                            .sortKey("%3$s#{id}")
                            .index("GSI1", "USER#{ownerId}", "%3$s#{status}#{id}")
                            .generatedId("id")
                            .owner("ownerId")
                            .version("version")
                            .build();
                }
                """.formatted(PACKAGE, name, prefix, constraints.statusConstraint);
    }

    /** A handler of the first {@code size} entity types, with a main that times its construction. */
    static String handler(int size) {
        StringBuilder resources = new StringBuilder();
        for (int n = 1; n <= size; n++) {
            resources.append("\n                .resource(\"/e").append(n).append("\", table.repository(Entity")
                    .append(n).append(".ENTITY))");
        }
        return """
                package %1$s;

                import io.github.dynacrud.http.Router;
                import io.github.dynacrud.lambda.HttpApiHandler;
                import io.github.dynacrud.table.SingleTable;
                import java.io.IOException;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.Map;

                /** Generated handler of %2$d entity types. */
                public final class %3$s extends HttpApiHandler {
                    /** Builds the routes of every entity type. */
                    public %3$s(SingleTable table) {
                        super(Router.builder()%4$s
                                .build());
                    }

                    /**
                     * Builds the client, then the handler, and prints the milliseconds of the client, of the
                     * handler, and of the CPU time the handler took on this thread.
                     */
                    public static void main(String[] args) {
                        long start = System.nanoTime();
                        Map<String, String> environment = Map.of("AWS_REGION", "us-east-1",
                                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9", "TABLE_NAME", "scaled");
                        var client = SingleTable.defaultClient(environment);
                        long clientBuilt = System.nanoTime();
                        long cpuBefore = cpuNanos();
                        new %3$s(SingleTable.fromEnvironment(environment, client));
                        long cpuAfter = cpuNanos();
                        long built = System.nanoTime();
                        System.out.println((clientBuilt - start) / 1e6 + "\\t" + (built - clientBuilt) / 1e6 + "\\t"
                                + (cpuAfter - cpuBefore) / 1e6);
                    }

                    /** The time this thread has run, from Linux's scheduler: other work on the machine does not add. */
                    private static long cpuNanos() {
                        try {
                            return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).split(" ")[0]);
                        } catch (IOException | RuntimeException e) {
                            throw new IllegalStateException("the scaling benchmark reads /proc/thread-self/schedstat,"
                                    + " which only Linux has", e);
                        }
                    }
                }
                """.formatted(PACKAGE, size, handlerName(size), resources);
    }
}
