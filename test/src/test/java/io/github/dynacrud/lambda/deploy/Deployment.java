package io.github.dynacrud.lambda.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.lambda.logging.JsonLinesServiceProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One function deployed from this module's build: packed by {@link HandlerJar}, run by {@link FunctionProcess}, fed by
 * a {@link RuntimeApiEmulator}. The build's {@code pre-integration-test} phase provides the inputs, named by the
 * {@code dynacrud.deploy.*} system properties Failsafe sets (paths under {@code target/} otherwise, for IDEs).
 */
final class Deployment implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long ANSWER_TIMEOUT_SECONDS = 20;

    private final Path jar;
    private final List<String> droppedDuplicates;
    private final RuntimeApiEmulator runtimeApi;
    private final FunctionProcess function;
    private boolean answeredOnce;

    private Deployment(Path jar, List<String> droppedDuplicates, RuntimeApiEmulator runtimeApi,
            FunctionProcess function) {
        this.jar = jar;
        this.droppedDuplicates = droppedDuplicates;
        this.runtimeApi = runtimeApi;
        this.function = function;
    }

    /**
     * Packs the function in {@code functionPackage} with the adapter and its runtime dependencies (never this module,
     * which a function takes in test scope), then starts it.
     *
     * @param functionPackage such as {@code com/example/app/}
     * @param handler         such as {@code com.example.app.TodoHandler::handleRequest}
     * @param variables       the function's environment variables
     */
    static Deployment start(String functionPackage, String handler, Map<String, String> variables) throws Exception {
        Path work = Path.of(setting("workDir", "target/deployment-it")).toAbsolutePath();
        Path jar = work.resolve("function.jar");
        long packing = System.nanoTime();
        List<Path> classpath = new ArrayList<>();
        for (String element : Files.readString(existing(setting("functionClasspath", "target/function-classpath.txt")))
                .trim().split(File.pathSeparator)) {
            classpath.add(existing(element));
        }
        // The SLF4J binding docs/lambda.md tells users to add to see the adapter's request log.
        classpath.add(Path.of(JsonLinesServiceProvider.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()));
        List<String> duplicates = HandlerJar.build(existing(setting("testClasses", "target/test-classes")),
                functionPackage, classpath, jar);
        Path taskRoot = work.resolve("task");
        HandlerJar.install(jar, taskRoot);
        System.out.printf("Packed and installed %s in %d ms%n", jar,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - packing));

        RuntimeApiEmulator runtimeApi = RuntimeApiEmulator.start();
        try {
            return new Deployment(jar, duplicates, runtimeApi, FunctionProcess.start(taskRoot,
                    FunctionProcess.runtimeJars(existing(setting("runtimeDir", "target/lambda-runtime"))), handler,
                    runtimeApi.address(), variables, List.of(), List.of(), work.resolve("function.log")));
        } catch (Exception | Error e) {
            runtimeApi.close();
            throw e;
        }
    }

    /** @return the function jar, as a user would upload it */
    Path jar() {
        return jar;
    }

    /** @return entries that two dependencies hold, of which the jar kept the first */
    List<String> droppedDuplicates() {
        return droppedDuplicates;
    }

    /** @return the lines the function printed so far */
    List<String> functionLines() throws IOException {
        return function.lines();
    }

    /** @return what the function printed so far, for failure messages */
    String functionOutput() {
        return function.output();
    }

    /**
     * Sends one event, written as API Gateway writes it, and returns the response event the runtime posts back.
     *
     * @param event the event
     * @return the response event, as API Gateway reads it
     */
    JsonNode invoke(APIGatewayV2HTTPEvent event) throws Exception {
        String eventJson = HttpApiEventJson.write(event);
        RuntimeApiEmulator.Outcome outcome = runtimeApi.await(runtimeApi.invoke(eventJson), function,
                Duration.ofSeconds(ANSWER_TIMEOUT_SECONDS), eventJson);
        if (!answeredOnce) {
            answeredOnce = true;
            long initMillis = TimeUnit.NANOSECONDS.toMillis(runtimeApi.firstNextAt() - function.startedAt());
            // As Lambda counts a cold start: init, then the first invocation; not the time the test took to send it.
            System.out.printf("Cold start: init %d ms + first invocation %d ms = %d ms to the first response%n",
                    initMillis, outcome.durationMillis(), initMillis + outcome.durationMillis());
        }
        System.out.printf("%s %s: %d ms%n", event.getRequestContext().getHttp().getMethod(), event.getRawPath(),
                outcome.durationMillis());
        assertThat(outcome.success())
                .as("the function posted an error (%s) instead of a response: %s%n%s", outcome.errorType(),
                        outcome.body(), function.output())
                .isTrue();
        return MAPPER.readTree(outcome.body());
    }

    /** Stops the function, then the emulator. */
    @Override
    public void close() {
        try {
            function.close();
        } finally {
            runtimeApi.close();
        }
    }

    private static String setting(String name, String fallback) {
        return System.getProperty("dynacrud.deploy." + name, fallback);
    }

    private static Path existing(String path) {
        if (!Files.exists(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: ./mvnw verify -pl test writes it in its"
                    + " pre-integration-test phase");
        }
        return Path.of(path);
    }
}
