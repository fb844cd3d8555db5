package io.github.dynacrud.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a handler's construction grows with its number of entity types: handlers of 1, 10 and 30 generated types
 * ({@link ScaledHandlers}), each built in fresh JVMs with the function's flags and CPU, with the classes each loads.
 */
final class StartupScaling {
    /** The numbers of entity types measured. */
    static final List<Integer> SIZES = List.of(1, 10, 30);
    /** The most a handler's construction may grow per added entity type, in milliseconds. */
    static final double TARGET_MILLIS_PER_TYPE = 3.0;

    private StartupScaling() {
    }

    /**
     * One size: the median time to build its handler, and the classes the JVM loaded by then.
     *
     * @param entityTypes   the number of entity types
     * @param handlerMillis the median milliseconds of the handler's construction, after the client's
     * @param cpuMillis     the median CPU milliseconds of the constructor's thread, which other work on the machine
     *                      does not inflate
     * @param classes       the classes loaded once the handler is built
     */
    record Point(int entityTypes, double handlerMillis, double cpuMillis, int classes) {
    }

    /**
     * The points of one kind of constraints.
     *
     * @param constraints the entities' constraints
     * @param points      one per size, in order
     */
    record Curve(ScaledHandlers.Constraints constraints, List<Point> points) {
        /** @return the least-squares slope of the elapsed milliseconds against the number of entity types */
        double millisPerType() {
            return slope(points.stream().map(point -> (double) point.entityTypes()).toList(),
                    points.stream().map(Point::handlerMillis).toList());
        }

        /** @return the least-squares slope of the CPU milliseconds against the number of entity types */
        double cpuMillisPerType() {
            return slope(points.stream().map(point -> (double) point.entityTypes()).toList(),
                    points.stream().map(Point::cpuMillis).toList());
        }

        /** @return the least-squares slope of the classes against the number of entity types */
        double classesPerType() {
            return slope(points.stream().map(point -> (double) point.entityTypes()).toList(),
                    points.stream().map(point -> (double) point.classes()).toList());
        }
    }

    /**
     * Measures the handlers of each size, in runs that alternate the order of sizes.
     *
     * @param coldStart   runs the JVMs
     * @param workDir     where the generated sources and classes go
     * @param functionJar a function jar holding dynacrud and its dependencies
     * @param constraints the entities' constraints
     * @param runs        the number of JVMs per size
     * @return the curve
     */
    static Curve measure(ColdStart coldStart, Path workDir, Path functionJar, ScaledHandlers.Constraints constraints,
            int runs) throws Exception {
        Path directory = workDir.resolve("scaling-" + constraints.name().toLowerCase(Locale.ROOT));
        Path classes = ScaledHandlers.compile(directory, constraints, SIZES, functionJar.toString());
        List<Path> classPath = List.of(functionJar, classes);
        Path log = directory.resolve("handler.log");
        List<List<Double>> millis = new ArrayList<>();
        List<List<Double>> cpuMillis = new ArrayList<>();
        for (int i = 0; i < SIZES.size(); i++) {
            millis.add(new ArrayList<>());
            cpuMillis.add(new ArrayList<>());
        }
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < SIZES.size(); i++) {
                int index = run % 2 == 0 ? i : SIZES.size() - 1 - i;
                List<String> lines = coldStart.runJava(classPath, List.of(), Map.of(), log,
                        ScaledHandlers.handlerClass(SIZES.get(index)));
                String[] figures = lines.get(lines.size() - 1).split("\t");
                millis.get(index).add(Double.parseDouble(figures[1]));
                cpuMillis.get(index).add(Double.parseDouble(figures[2]));
            }
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < SIZES.size(); i++) {
            Path classLog = directory.resolve("classes-" + SIZES.get(i) + ".log");
            Files.deleteIfExists(classLog);
            coldStart.runJava(classPath, List.of("-Xlog:class+load:file=" + classLog), Map.of(), log,
                    ScaledHandlers.handlerClass(SIZES.get(i)));
            points.add(new Point(SIZES.get(i), Report.median(millis.get(i)), Report.median(cpuMillis.get(i)),
                    ColdStart.classesLoaded(classLog)));
            System.out.printf("scaling %s, %d entity types: %.0f ms, %.0f ms of CPU, %d classes%n", constraints,
                    SIZES.get(i), points.get(i).handlerMillis(), points.get(i).cpuMillis(), points.get(i).classes());
        }
        return new Curve(constraints, points);
    }

    /**
     * Adds the curves to a report: a row per size, and the growth per entity type against its target.
     *
     * @param report the report
     * @param curves one per kind of constraints, {@link ScaledHandlers.Constraints#BUILT_IN} first
     * @param runs   the number of JVMs per size
     */
    static void report(Report report, List<Curve> curves, int runs) {
        List<String> columns = new ArrayList<>(List.of("Entity types"));
        for (Curve curve : curves) {
            columns.add(label(curve) + ": handler, ms");
            columns.add("CPU, ms");
            columns.add("classes");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < SIZES.size(); i++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(SIZES.get(i))));
            for (Curve curve : curves) {
                Point point = curve.points().get(i);
                row.add(String.format(Locale.ROOT, "%.0f", point.handlerMillis()));
                row.add(String.format(Locale.ROOT, "%.0f", point.cpuMillis()));
                row.add(String.format(Locale.ROOT, "%,d", point.classes()));
            }
            rows.add(row);
        }
        List<String> growth = new ArrayList<>();
        for (Curve curve : curves) {
            growth.add(String.format(Locale.ROOT, "%s, %.1f ms of CPU (%s), %.1f ms elapsed and %.1f classes",
                    label(curve), curve.cpuMillisPerType(), Report.verdict(curve.cpuMillisPerType(),
                            TARGET_MILLIS_PER_TYPE), curve.millisPerType(), curve.classesPerType()));
        }
        report.table("Start-up with more entity types", "Handlers of 1, 10 and 30 generated entity types (records with"
                + " an owner, a generated id, a version, a secondary index and five constraints), each built in "
                + runs + " fresh JVMs with the functions' flags and CPU: the median time of the handler's"
                + " constructor once the DynamoDB client is built, elapsed and as CPU time of its thread (which"
                + " other work on the machine does not inflate), and the classes loaded by then (one more JVM)."
                + " `ScaledHandlers` generates them.", columns, rows)
                .note("Growth per added entity type (least squares over the three sizes; the target is held to the"
                        + " CPU time): " + String.join("; ", growth) + ".");
    }

    private static String label(Curve curve) {
        return curve.constraints() == ScaledHandlers.Constraints.BUILT_IN ? "built-in constraints"
                : "with an `@Email` (Hibernate Validator)";
    }

    /**
     * Fits a straight line by least squares.
     *
     * @param xs at least two distinct values
     * @param ys as many values
     * @return the line's slope
     */
    static double slope(List<Double> xs, List<Double> ys) {
        double meanX = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double meanY = ys.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < xs.size(); i++) {
            covariance += (xs.get(i) - meanX) * (ys.get(i) - meanY);
            variance += (xs.get(i) - meanX) * (xs.get(i) - meanX);
        }
        return covariance / variance;
    }
}
