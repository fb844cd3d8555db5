package io.github.dynacrud.lambda.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A function started as Lambda's managed {@code java17} runtime starts one: the platform's jars alone on the class
 * path, the deployment package's directory as working directory (the runtime interface client loads the handler from
 * there in its own class loader), the JVM flags of the runtime's bootstrap that a stock JDK accepts, and an
 * environment holding only what Lambda sets plus the function's variables. The benchmarks start their cold starts
 * with it too.
 */
public final class FunctionProcess implements AutoCloseable {
    /**
     * The JVM options of Lambda's Java runtime that shape performance: a 512 MB function's heap, the serial collector
     * and the C1 compiler only.
     */
    public static final List<String> LAMBDA_JVM_OPTIONS = List.of("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC",
            "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    static final String FUNCTION_NAME = "dynacrud-todos";
    private static final List<String> RUNTIME_JAR_PREFIXES = List.of("aws-lambda-java-runtime-interface-client-",
            "aws-lambda-java-serialization-", "aws-lambda-java-core-");

    private final Process process;
    private final Path log;
    private final long startedAt;

    private FunctionProcess(Process process, Path log, long startedAt) {
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
    }

    /**
     * Starts the runtime.
     *
     * @param taskRoot    the deployment package's directory, {@code /var/task} on Lambda
     * @param runtimeJars the runtime interface client and its dependencies, {@code /var/runtime/lib} on Lambda
     * @param handler     such as {@code com.example.TodoHandler::handleRequest}
     * @param runtimeApi  {@code host:port} of the Runtime API
     * @param variables   the function's environment variables
     * @param launcher    a command that runs the JVM, such as {@code taskset -c 1}, or an empty list
     * @param jvmOptions  more options for the JVM, such as {@code -XX:ActiveProcessorCount=1}, after the runtime's own
     * @param log         where the function's standard output and error go
     * @return the running function
     * @throws IOException when the JVM cannot be launched
     */
    public static FunctionProcess start(Path taskRoot, List<Path> runtimeJars, String handler, String runtimeApi,
            Map<String, String> variables, List<String> launcher, List<String> jvmOptions, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_OPTIONS);
        command.addAll(List.of(
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-classpath",
                runtimeJars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                handler));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("_HANDLER", handler);
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("LAMBDA_RUNTIME_DIR", runtimeJars.get(0).getParent().toString());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "ASIADUMMYDUMMYDUMMY0");
        environment.put("AWS_SECRET_ACCESS_KEY", "dummy-secret");
        environment.put("AWS_SESSION_TOKEN", "dummy-session-token");
        environment.putAll(variables);
        long startedAt = System.nanoTime();
        return new FunctionProcess(builder.start(), log, startedAt);
    }

    /**
     * Lists the platform's jars in a directory, {@code /var/runtime/lib} on Lambda: the runtime interface client and
     * what it needs.
     *
     * @param directory where the build copied them
     * @return the jars, sorted
     * @throws IOException           when the directory cannot be read
     * @throws IllegalStateException when a jar is missing, or two versions of one are left from an earlier build
     */
    public static List<Path> runtimeJars(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(file -> file.toString().endsWith(".jar")).sorted()
                    .map(Path::toAbsolutePath).toList();
            for (String prefix : RUNTIME_JAR_PREFIXES) {
                long versions = jars.stream().filter(jar -> jar.getFileName().toString().startsWith(prefix)).count();
                if (versions != 1) {
                    throw new IllegalStateException(directory + " holds " + versions + " " + prefix + "*.jar instead"
                            + " of one: build it again, after ./mvnw clean when there are two");
                }
            }
            return jars;
        }
    }

    /** @return {@link System#nanoTime()} just before the JVM was launched */
    public long startedAt() {
        return startedAt;
    }

    /** @return whether the JVM still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Reads the most memory the JVM has held so far, as the kernel counts it ({@code VmHWM}, Linux only); Lambda's
     * {@code Max Memory Used} is the same high-water mark.
     *
     * @return the peak resident set size in kibibytes
     * @throws IOException when {@code /proc} cannot be read, or the process has exited
     */
    public long peakRssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("/proc/" + process.pid() + "/status has no VmHWM line");
    }

    /** @return the lines the function printed so far, as CloudWatch Logs would hold them */
    List<String> lines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** @return what the function printed so far, for failure messages */
    public String output() {
        try {
            return "--- function output (" + log + ") ---\n"
                    + Files.readString(log, StandardCharsets.UTF_8) + "--- end of function output ---";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Stops the runtime, forcibly when it does not exit within five seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
