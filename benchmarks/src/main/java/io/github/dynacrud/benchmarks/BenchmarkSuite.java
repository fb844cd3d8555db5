package io.github.dynacrud.benchmarks;

import io.github.dynacrud.examples.todo.Todo;
import io.github.dynacrud.local.LocalDynamoDb;
import io.github.dynacrud.local.LocalTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;

/**
 * Runs every benchmark of docs/performance.md in one go and writes its figures there: sizes, cold starts (A B,
 * B A, ...), classes loaded, init steps, and the warm JMH benchmarks. Started by
 * {@code ./mvnw -B -Pbenchmarks -pl benchmarks -am verify -DskipTests}, which builds the jars it measures and passes
 * their paths as {@code bench.*} system properties.
 */
public final class BenchmarkSuite {
    private static final String TABLE = "todos-bench";
    /** Init steps vary less than whole cold starts and are a breakdown, not a target: fewer runs do. */
    private static final int INIT_STEP_PAIRS = 5;
    /** Class counts vary by a few dozen from JVM to JVM (security providers, linked lambda forms): a median of three. */
    private static final int CLASS_COUNT_RUNS = 3;
    /** The time to the first response against the baseline's: its target, and the stretch target below it. */
    private static final double FIRST_RESPONSE_TARGET = 1.0;
    private static final double FIRST_RESPONSE_STRETCH = 0.85;

    private BenchmarkSuite() {
    }

    /**
     * Runs the suite.
     *
     * @param args none; settings come from {@code bench.*} system properties; exits with 1 when a benchmark fails,
     *             and nothing is written then
     */
    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // DynamoDB Local's stream shard job runs on a thread that is not a daemon and outlives close(): without an
        // explicit exit the JVM would wait minutes for it.
        System.exit(status);
    }

    @SuppressWarnings("try") // LocalDynamoDb.close() declares Exception, which run passes on
    private static void run() throws Exception {
        long startedAt = System.nanoTime();
        Path workDir = Files.createDirectories(setting("workDir"));
        int pairs = Integer.parseInt(System.getProperty("bench.pairs", "10"));
        Path todoJar = existing(setting("todoJar"));
        Map<Contender, Path> jars = new EnumMap<>(Map.of(Contender.DYNACRUD, todoJar,
                Contender.BASELINE, existing(setting("baselineJar")),
                Contender.DYNACRUD_WITHOUT_LOGGING, LoggingBinding.strip(todoJar,
                        workDir.resolve("todo-without-logging.jar"))));
        Path usersJar = existing(setting("usersJar"));

        Map<Contender, List<ColdStart.Run>> runs = new EnumMap<>(Contender.class);
        Map<Contender, List<ColdStart.Run>> loggingRuns = new EnumMap<>(Contender.class);
        Map<Contender, Integer> classes = new EnumMap<>(Contender.class);
        Map<Contender, List<Map<String, Double>>> steps = new EnumMap<>(Contender.class);
        List<StartupScaling.Curve> scaling = new ArrayList<>();
        SnapStartReach snapStart;
        String cpuLimit;
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.start();
                ColdStart coldStart = new ColdStart(setting("runtimeDir"), workDir, dynamoDb.endpoint(), TABLE)) {
            LocalTable.create(dynamoDb.client(), TABLE, Todo.ENTITY);
            cpuLimit = coldStart.cpuLimit();
            for (Contender contender : Contender.values()) {
                coldStart.install(contender, jars.get(contender));
                coldStart.run(contender); // the first start also reads the jars from disk: not counted
                runs.put(contender, new ArrayList<>());
                loggingRuns.put(contender, new ArrayList<>());
                steps.put(contender, new ArrayList<>());
            }
            coldStarts(coldStart, runs, pairs, Contender.DYNACRUD, Contender.BASELINE);
            coldStarts(coldStart, loggingRuns, pairs, Contender.DYNACRUD, Contender.DYNACRUD_WITHOUT_LOGGING);
            for (Contender contender : Contender.values()) {
                List<Double> counts = new ArrayList<>();
                for (int run = 0; run < CLASS_COUNT_RUNS; run++) {
                    counts.add((double) coldStart.classesLoadedByFirstResponse(contender));
                }
                classes.put(contender, (int) Math.round(Report.median(counts)));
            }
            for (int pair = 1; pair <= INIT_STEP_PAIRS; pair++) {
                for (Contender contender : inPairOrder(pair, Contender.DYNACRUD, Contender.BASELINE)) {
                    steps.get(contender).add(coldStart.initSteps(contender, jars.get(contender)));
                }
            }
            for (ScaledHandlers.Constraints constraints : ScaledHandlers.Constraints.values()) {
                scaling.add(StartupScaling.measure(coldStart, workDir, todoJar, constraints, INIT_STEP_PAIRS));
            }
            snapStart = SnapStartReach.measure(coldStart, todoJar, workDir, INIT_STEP_PAIRS);
        }

        Collection<RunResult> warm = new Runner(WarmRequests.options()).run();

        Report report = new Report();
        report.note(Machine.describe(cpuLimit, pairs, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt)));
        report.section("Cold start", "Medians of " + pairs + " fresh JVMs per handler, started in pairs (A B,"
                + " B A, ...). Times run from launching the JVM to the runtime API receiving the response. A ratio"
                + " is the median of the ratios within each pair, which a drift in the machine's speed does not skew.");
        coldStartRow(report, runs, "Init: JVM start to the first request for an event, ms", ColdStart.Run::initMillis,
                "%.0f", 0);
        coldStartRow(report, runs, "Time to first response (`POST /todos`), ms", ColdStart.Run::firstResponseMillis,
                "%.0f", FIRST_RESPONSE_TARGET);
        coldStartRow(report, runs, "Time to second response (`GET /todos/{id}`), ms",
                ColdStart.Run::secondResponseMillis, "%.0f", 0);
        coldStartRow(report, runs, "Peak RSS, MiB", run -> run.peakRssKib() / 1024.0, "%.1f", 1.1);
        report.row("Classes loaded by the first response", classes.get(Contender.DYNACRUD),
                classes.get(Contender.BASELINE), "%.0f", 1.15);
        report.note("The time to the first response has a stretch target too: " + Report.verdict(
                pairedRatio(runs, Contender.DYNACRUD, Contender.BASELINE, ColdStart.Run::firstResponseMillis),
                FIRST_RESPONSE_STRETCH) + ".");
        report.steps("Init, step by step", "Medians of " + INIT_STEP_PAIRS + " fresh JVMs per handler (with the"
                + " functions' flags and CPU, without the runtime client) timing each step of the constructor, in its"
                + " order: each step pays for the classes it loads first. `InitSteps` holds the steps.",
                medianSteps(steps.get(Contender.DYNACRUD)), medianSteps(steps.get(Contender.BASELINE)));
        StartupScaling.report(report, scaling, INIT_STEP_PAIRS);
        snapStart.report(report, INIT_STEP_PAIRS);
        WarmRequests.report(warm, report);
        report.section("Size", "The deployable jars, as `package` builds them.")
                .row("Function jar, bytes", Files.size(jars.get(Contender.DYNACRUD)),
                        Files.size(jars.get(Contender.BASELINE)), "%,.0f", 1.3)
                .note("The users example's jar (`examples/users/target/users-example.jar`) is "
                        + String.format("%,d", Files.size(usersJar)) + " bytes.");
        loggingSection(report, loggingRuns, classes, jars, pairs);
        report.note(WarmRequests.requestLine(warm));

        String results = report.markdown();
        Files.writeString(workDir.resolve("results.md"), results, StandardCharsets.UTF_8);
        Path docs = setting("docs");
        Files.writeString(docs, Report.replaceResults(Files.readString(docs, StandardCharsets.UTF_8), results),
                StandardCharsets.UTF_8);
        System.out.println(results);
        System.out.printf("Wrote %s in %d s (at %s)%n", docs,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Starts two handlers {@code pairs} times each, in pairs, and adds their runs to {@code runs}. */
    private static void coldStarts(ColdStart coldStart, Map<Contender, List<ColdStart.Run>> runs, int pairs,
            Contender a, Contender b) throws Exception {
        for (int pair = 1; pair <= pairs; pair++) {
            for (Contender contender : inPairOrder(pair, a, b)) {
                ColdStart.Run run = coldStart.run(contender);
                runs.get(contender).add(run);
                System.out.printf("cold start %d/%d %s: init %.0f ms, first response %.0f ms, second %.0f ms,"
                        + " peak RSS %d KiB%n", pair, pairs, contender, run.initMillis(), run.firstResponseMillis(),
                        run.secondResponseMillis(), run.peakRssKib());
            }
        }
    }

    /** A B, then B A: neither handler always runs first, or right after the other. */
    private static List<Contender> inPairOrder(int pair, Contender a, Contender b) {
        return pair % 2 == 1 ? List.of(a, b) : List.of(b, a);
    }

    /** What the example's SLF4J binding costs: the same jar with and without it, started in pairs of their own. */
    private static void loggingSection(Report report, Map<Contender, List<ColdStart.Run>> runs,
            Map<Contender, Integer> classes, Map<Contender, Path> jars, int pairs) throws IOException {
        Contender with = Contender.DYNACRUD;
        Contender without = Contender.DYNACRUD_WITHOUT_LOGGING;
        report.section("Logging", "The todo example's jar with `dynacrud-lambda-logging` against the same jar without"
                + " it (SLF4J then finds no provider and logs nothing): medians of " + pairs + " more pairs of fresh"
                + " JVMs, started like the cold starts above. With the binding, each request also writes its JSON"
                + " line.", with, without);
        coldStartRow(report, runs, with, without, "Init: JVM start to the first request for an event, ms",
                ColdStart.Run::initMillis, "%.0f", 0);
        coldStartRow(report, runs, with, without, "Time to first response (`POST /todos`), ms",
                ColdStart.Run::firstResponseMillis, "%.0f", 0);
        coldStartRow(report, runs, with, without, "Time to second response (`GET /todos/{id}`), ms",
                ColdStart.Run::secondResponseMillis, "%.0f", 0);
        coldStartRow(report, runs, with, without, "Peak RSS, MiB", run -> run.peakRssKib() / 1024.0, "%.1f", 0);
        report.row("Classes loaded by the first response", classes.get(with), classes.get(without), "%.0f", 0)
                .row("Function jar, bytes", Files.size(jars.get(with)), Files.size(jars.get(without)), "%,.0f", 0);
    }

    /** Each step's median over the runs, in the order of the first run. */
    private static Map<String, Double> medianSteps(List<Map<String, Double>> runs) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String step : runs.get(0).keySet()) {
            medians.put(step, Report.median(runs.stream().map(run -> run.get(step)).toList()));
        }
        return medians;
    }

    private static void coldStartRow(Report report, Map<Contender, List<ColdStart.Run>> runs, String measure,
            ToDoubleFunction<ColdStart.Run> figure, String format, double maxRatio) {
        coldStartRow(report, runs, Contender.DYNACRUD, Contender.BASELINE, measure, figure, format, maxRatio);
    }

    private static void coldStartRow(Report report, Map<Contender, List<ColdStart.Run>> runs, Contender left,
            Contender right, String measure, ToDoubleFunction<ColdStart.Run> figure, String format, double maxRatio) {
        report.row(measure, median(runs, left, figure), median(runs, right, figure),
                pairedRatio(runs, left, right, figure), format, maxRatio);
    }

    /** The median of the ratios within each pair. */
    private static double pairedRatio(Map<Contender, List<ColdStart.Run>> runs, Contender left, Contender right,
            ToDoubleFunction<ColdStart.Run> figure) {
        List<ColdStart.Run> lefts = runs.get(left);
        List<ColdStart.Run> rights = runs.get(right);
        List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < lefts.size(); pair++) {
            ratios.add(figure.applyAsDouble(lefts.get(pair)) / figure.applyAsDouble(rights.get(pair)));
        }
        return Report.median(ratios);
    }

    private static double median(Map<Contender, List<ColdStart.Run>> runs, Contender contender,
            ToDoubleFunction<ColdStart.Run> figure) {
        return Report.median(runs.get(contender).stream().map(figure::applyAsDouble).toList());
    }

    private static Path setting(String name) {
        String value = System.getProperty("bench." + name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("set -Dbench." + name + ": the benchmarks profile of benchmarks/pom.xml"
                    + " does");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: build it with the -am of the documented command");
        }
        return path;
    }
}
