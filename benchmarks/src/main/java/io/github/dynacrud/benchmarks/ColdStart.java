package io.github.dynacrud.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.lambda.deploy.FunctionProcess;
import io.github.dynacrud.lambda.deploy.HandlerJar;
import io.github.dynacrud.lambda.deploy.HttpApiEventJson;
import io.github.dynacrud.lambda.deploy.RuntimeApiEmulator;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Cold starts of a deployed function jar: a fresh JVM under the real runtime interface client, fed by a
 * {@link RuntimeApiEmulator} on 127.0.0.1, writing to and reading from DynamoDB Local. The JVM runs with the flags of
 * Lambda's Java runtime and sees one CPU; where {@code taskset} exists, it has the last core to itself while this JVM,
 * with DynamoDB Local and the emulator, keeps to the others until {@link #close()}.
 */
final class ColdStart implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final Path TASKSET = Path.of("/usr/bin/taskset");
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final List<Path> runtimeJars;
    private final Path workDir;
    private final Map<String, String> variables;
    private final List<String> launcher;

    /**
     * @param runtimeDir the runtime interface client and its dependencies
     * @param workDir    where task roots and logs go
     * @param dynamoDb   DynamoDB Local's endpoint
     * @param tableName  the table both functions use
     */
    ColdStart(Path runtimeDir, Path workDir, URI dynamoDb, String tableName)
            throws IOException, InterruptedException {
        this.runtimeJars = FunctionProcess.runtimeJars(runtimeDir);
        this.workDir = workDir;
        this.variables = Map.of("TABLE_NAME", tableName, "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        this.launcher = CORES > 1 && Files.isExecutable(TASKSET)
                ? List.of(TASKSET.toString(), "-c", Integer.toString(CORES - 1)) : List.of();
        if (!launcher.isEmpty()) {
            pinThisJvm("0-" + (CORES - 2));
        }
    }

    /**
     * Gives this JVM every core again.
     */
    @Override
    public void close() throws IOException {
        if (!launcher.isEmpty()) {
            try {
                pinThisJvm("0-" + (CORES - 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while unpinning this JVM", e);
            }
        }
    }

    /**
     * Sets the cores of every thread of this JVM; threads started later inherit them. A 512 MB function gets about a
     * third of one vCPU's time on Lambda, so one core of its own, shared with nothing, is the closest this machine
     * comes, and the JIT and GC threads cannot borrow a second one.
     */
    private static void pinThisJvm(String cores) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder(TASKSET.toString(), "-a", "-p", "-c", cores,
                Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (taskset.waitFor() != 0) {
            throw new IOException("taskset could not pin this JVM to cores " + cores + ": " + output);
        }
    }

    /** @return how the function's CPU is limited, for the report */
    String cpuLimit() {
        return launcher.isEmpty() ? "-XX:ActiveProcessorCount=1"
                : String.join(" ", launcher) + " (the harness and DynamoDB Local on the other cores) and"
                        + " -XX:ActiveProcessorCount=1";
    }

    /**
     * Installs a function jar as the deployment package of a contender.
     *
     * @param contender the contender
     * @param jar       its jar
     */
    void install(Contender contender, Path jar) throws IOException {
        HandlerJar.install(jar, taskRoot(contender));
    }

    /**
     * Starts one function, sends it a create and then a get of the created todo, and stops it.
     *
     * @param contender the function
     * @return when it answered, and its peak memory
     */
    Run run(Contender contender) throws Exception {
        try (RuntimeApiEmulator runtimeApi = RuntimeApiEmulator.start()) {
            // Queued before the JVM starts, as Lambda holds the event that caused the cold start.
            CompletableFuture<RuntimeApiEmulator.Outcome> create = runtimeApi.invoke(event(TodoEvents.create()));
            try (FunctionProcess function = start(contender, runtimeApi, List.of())) {
                RuntimeApiEmulator.Outcome created = await(create, 201, function, runtimeApi);
                String id = JSON.readTree(JSON.readTree(created.body()).path("body").asText()).path("id").asText();
                RuntimeApiEmulator.Outcome read = await(runtimeApi.invoke(event(TodoEvents.get(id))), 200, function,
                        runtimeApi);
                return new Run(millis(runtimeApi.firstNextAt() - function.startedAt()),
                        millis(created.receivedAt() - function.startedAt()),
                        millis(read.receivedAt() - function.startedAt()), function.peakRssKib());
            }
        }
    }

    /**
     * Counts the classes a function loads until it has answered its first request and asks for the next one. The
     * count hardly depends on timing, so a few runs tell it; class logging slows the JVM, so no timed run logs.
     *
     * @param contender the function
     * @return the number of classes loaded
     */
    int classesLoadedByFirstResponse(Contender contender) throws Exception {
        Path log = file(contender, "classes.log");
        Files.deleteIfExists(log);
        try (RuntimeApiEmulator runtimeApi = RuntimeApiEmulator.start()) {
            CompletableFuture<RuntimeApiEmulator.Outcome> create = runtimeApi.invoke(event(TodoEvents.create()));
            try (FunctionProcess function = start(contender, runtimeApi, List.of("-Xlog:class+load:file=" + log))) {
                await(create, 201, function, runtimeApi);
                long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
                while (runtimeApi.nextRequests() < 2) {
                    if (System.nanoTime() > deadline || !function.isAlive()) {
                        throw new IllegalStateException("the function did not ask for a second event\n"
                                + function.output());
                    }
                    Thread.sleep(5);
                }
                return classesLoaded(log);
            }
        }
    }

    /**
     * Times the steps of a handler's construction in a fresh JVM, with the function's JIT, collector and CPU, and only
     * its jar and {@link InitSteps} on the class path.
     *
     * @param contender the handler
     * @param jar       its jar
     * @return milliseconds by step, in order
     */
    Map<String, Double> initSteps(Contender contender, Path jar) throws Exception {
        Path classes = Path.of(InitSteps.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> lines = runJava(List.of(jar, classes), List.of(), Map.of(), file(contender, "init-steps.log"),
                InitSteps.class.getName(), contender.name().toLowerCase(Locale.ROOT));
        Map<String, Double> steps = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split("\t");
            steps.put(parts[0], Double.parseDouble(parts[1]));
        }
        return steps;
    }

    /**
     * Runs a main class in a fresh JVM with the function's JIT, collector and CPU, and returns what it printed.
     *
     * @param classPath its class path
     * @param options     more JVM options, such as class logging
     * @param environment variables to add to this JVM's
     * @param log       where its standard error goes
     * @param mainClass the class to run
     * @param args      its arguments
     * @return its standard output, line by line
     * @throws IllegalStateException when it fails
     */
    List<String> runJava(List<Path> classPath, List<String> options, Map<String, String> environment, Path log,
            String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FunctionProcess.LAMBDA_JVM_OPTIONS);
        command.add("-XX:ActiveProcessorCount=1");
        command.addAll(options);
        command.addAll(List.of("-classpath", String.join(File.pathSeparator,
                classPath.stream().map(Path::toString).toList()), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(mainClass + " failed, see " + log + ": " + lines);
        }
        return lines;
    }

    /**
     * Builds the todo handler in a fresh JVM, primes it as Lambda's runtime does before a snapshot (or not), and
     * sends it two creates against DynamoDB Local; see {@link PrimingReach}.
     *
     * @param jar    the todo example's jar
     * @param primed whether to run the priming hooks
     * @param log    a class loading log to write, or {@code null} for a timed run without one
     * @return the milliseconds of the handler's construction, priming, the first and the second create
     */
    List<Double> primingReach(Path jar, boolean primed, Path log) throws Exception {
        Path classes = Path.of(PrimingReach.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classPath = new ArrayList<>(List.of(jar, classes));
        classPath.addAll(runtimeJars);
        List<String> options = new ArrayList<>(List.of("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"));
        if (log != null) {
            Files.deleteIfExists(log);
            options.add("-Xlog:class+load:file=" + log);
        }
        Map<String, String> environment = new LinkedHashMap<>(variables);
        environment.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "bench",
                "AWS_SECRET_ACCESS_KEY", "bench"));
        List<String> lines = runJava(classPath, options, environment, workDir.resolve("priming-reach.log"),
                PrimingReach.class.getName(), primed ? "primed" : "unprimed");
        return List.of(lines.get(lines.size() - 1).split("\t")).stream().map(Double::parseDouble).toList();
    }

    /**
     * Splits a class loading log of {@link PrimingReach} at its marker classes.
     *
     * @param log the log
     * @return the classes loaded by the handler's construction and priming, then those of the first request
     */
    static List<Integer> classesBeforeAndByFirstRequest(Path log) throws IOException {
        List<String> loaded;
        try (Stream<String> lines = Files.lines(log)) {
            loaded = lines.filter(line -> line.contains("[class,load]")).toList();
        }
        int primed = markerLine(loaded, PrimingReach.Primed.class);
        int answered = markerLine(loaded, PrimingReach.Answered.class);
        return List.of(primed, answered - primed - 1);
    }

    private static int markerLine(List<String> loaded, Class<?> marker) {
        for (int i = 0; i < loaded.size(); i++) {
            if (loaded.get(i).contains(" " + marker.getName() + " ")) {
                return i;
            }
        }
        throw new IllegalStateException("the class loading log lacks " + marker.getName());
    }

    /**
     * Counts the lines of a class loading log ({@code -Xlog:class+load:file=...}) that record a loaded class.
     *
     * @param log the log
     * @return the number of classes loaded
     */
    static int classesLoaded(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return (int) lines.filter(line -> line.contains("[class,load]")).count();
        }
    }

    private FunctionProcess start(Contender contender, RuntimeApiEmulator runtimeApi, List<String> extraOptions)
            throws IOException {
        List<String> options = new ArrayList<>(List.of("-XX:ActiveProcessorCount=1"));
        options.addAll(extraOptions);
        return FunctionProcess.start(taskRoot(contender), runtimeJars, contender.handlerName(), runtimeApi.address(),
                variables, launcher, options, file(contender, "function.log"));
    }

    private Path taskRoot(Contender contender) {
        return file(contender, "task");
    }

    /** A contender's file or directory in the work directory, such as {@code dynacrud-task}. */
    private Path file(Contender contender, String name) {
        return workDir.resolve(contender.name().toLowerCase(Locale.ROOT) + "-" + name);
    }

    private static String event(APIGatewayV2HTTPEvent event) {
        return HttpApiEventJson.write(event);
    }

    private static RuntimeApiEmulator.Outcome await(CompletableFuture<RuntimeApiEmulator.Outcome> answer, int status,
            FunctionProcess function, RuntimeApiEmulator runtimeApi) throws Exception {
        RuntimeApiEmulator.Outcome outcome = runtimeApi.await(answer, function, ANSWER_TIMEOUT,
                "the event expecting a " + status);
        JsonNode response = JSON.readTree(outcome.body());
        if (!outcome.success() || response.path("statusCode").asInt() != status) {
            throw new IllegalStateException("expected a " + status + " response, got " + outcome.body() + "\n"
                    + function.output());
        }
        return outcome;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /**
     * One cold start.
     *
     * @param initMillis           from launching the JVM to its first request for an event: Lambda's init duration
     * @param firstResponseMillis  from launching the JVM to the create's response
     * @param secondResponseMillis from launching the JVM to the get's response
     * @param peakRssKib           the JVM's peak resident memory after both
     */
    record Run(double initMillis, double firstResponseMillis, double secondResponseMillis, long peakRssKib) {
    }
}
