package io.github.dynacrud.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What SnapStart priming takes off the first request after a restore: {@link PrimingReach} run primed and unprimed
 * in alternating fresh JVMs, with the classes each phase loads from one more JVM each.
 *
 * @param primed   medians of the primed runs: handler, priming, first and second create, in milliseconds
 * @param unprimed the same without priming (its priming is zero)
 * @param primedClasses   classes loaded by the handler and priming, then by the first create, primed
 * @param unprimedClasses the same unprimed
 */
record SnapStartReach(List<Double> primed, List<Double> unprimed, List<Integer> primedClasses,
        List<Integer> unprimedClasses) {

    /**
     * Measures.
     *
     * @param coldStart runs the JVMs against DynamoDB Local
     * @param jar       the todo example's jar
     * @param workDir   where the class loading logs go
     * @param runs      the number of JVMs per case
     * @return the figures
     */
    static SnapStartReach measure(ColdStart coldStart, Path jar, Path workDir, int runs) throws Exception {
        List<List<Double>> primed = new ArrayList<>();
        List<List<Double>> unprimed = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            for (boolean priming : run % 2 == 0 ? List.of(true, false) : List.of(false, true)) {
                (priming ? primed : unprimed).add(coldStart.primingReach(jar, priming, null));
            }
        }
        Path primedLog = workDir.resolve("priming-primed-classes.log");
        Path unprimedLog = workDir.resolve("priming-unprimed-classes.log");
        coldStart.primingReach(jar, true, primedLog);
        coldStart.primingReach(jar, false, unprimedLog);
        return new SnapStartReach(medians(primed), medians(unprimed),
                ColdStart.classesBeforeAndByFirstRequest(primedLog),
                ColdStart.classesBeforeAndByFirstRequest(unprimedLog));
    }

    private static List<Double> medians(List<List<Double>> runs) {
        List<Double> medians = new ArrayList<>();
        for (int phase = 0; phase < runs.get(0).size(); phase++) {
            int at = phase;
            medians.add(Report.median(runs.stream().map(run -> run.get(at)).toList()));
        }
        return medians;
    }

    /**
     * Adds the figures to a report, with the share of the first request's classes that priming loads.
     *
     * @param report the report
     * @param runs   the number of JVMs per case
     */
    void report(Report report, int runs) {
        List<List<String>> rows = List.of(
                row("The handler's construction, ms", 0),
                row("Priming (Lambda's `beforeCheckpoint` and `afterRestore` hooks), ms", 1),
                List.of("Classes loaded by the handler and priming", count(primedClasses.get(0)),
                        count(unprimedClasses.get(0))),
                row("First `POST /todos` to DynamoDB Local, ms", 2),
                List.of("Classes loaded by the first `POST /todos`", count(primedClasses.get(1)),
                        count(unprimedClasses.get(1))),
                row("Second `POST /todos`, ms", 3));
        int needed = unprimedClasses.get(1);
        int left = primedClasses.get(1);
        report.table("SnapStart priming", "The todo handler built in fresh JVMs as Lambda builds it, primed by the"
                + " CRaC hooks of Lambda's runtime as before a snapshot or not, then sent two creates: medians of "
                + runs + " JVMs per case, and the classes of each phase from one more JVM each (`PrimingReach`).",
                List.of("Measure", "primed", "not primed"), rows)
                .note(String.format(Locale.ROOT, "Priming loads %,d of the %,d classes the first request needs"
                        + " (%.0f%%); the %,d left and the first request's %.0f ms (against %.0f ms for the second)"
                        + " are the work a restored function still does on its first request.",
                        needed - left, needed, 100.0 * (needed - left) / needed, left, primed.get(2),
                        primed.get(3)));
    }

    private List<String> row(String measure, int phase) {
        return List.of(measure, String.format(Locale.ROOT, "%.0f", primed.get(phase)),
                String.format(Locale.ROOT, "%.0f", unprimed.get(phase)));
    }

    private static String count(int classes) {
        return String.format(Locale.ROOT, "%,d", classes);
    }
}
