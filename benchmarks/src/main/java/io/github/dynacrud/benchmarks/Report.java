package io.github.dynacrud.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's figures as Markdown: one table row per measure, dynacrud beside the baseline, their ratio and the
 * target it is held to.
 */
final class Report {
    static final String BEGIN = "<!-- benchmark results: begin -->";
    static final String END = "<!-- benchmark results: end -->";

    private final StringBuilder text = new StringBuilder();

    /**
     * Starts a section of measures with a heading and a sentence about it.
     *
     * @param heading the section's heading
     * @param about   a sentence about it
     * @return this report
     */
    Report section(String heading, String about) {
        return section(heading, about, Contender.DYNACRUD, Contender.BASELINE);
    }

    /**
     * Starts a section of measures comparing two handlers.
     *
     * @param heading the section's heading
     * @param about   a sentence about it
     * @param left    the handler of the first column
     * @param right   the handler of the second column, which ratios divide by
     * @return this report
     */
    Report section(String heading, String about, Contender left, Contender right) {
        text.append("\n### ").append(heading).append("\n\n").append(about).append("\n\n")
                .append("| Measure | ").append(left.label()).append(" | ")
                .append(right.label()).append(" | Ratio | Target |\n")
                .append("| --- | ---: | ---: | ---: | --- |\n");
        return this;
    }

    /**
     * Adds a row.
     *
     * @param measure   what was measured, with its unit
     * @param dynacrud  the todo example's figure
     * @param baseline  the baseline's figure
     * @param format    how to print both figures, such as {@code %.0f}
     * @param maxRatio  the target for dynacrud / baseline, or {@code 0} for none
     * @return this report
     */
    Report row(String measure, double dynacrud, double baseline, String format, double maxRatio) {
        return row(measure, dynacrud, baseline, dynacrud / baseline, format, maxRatio);
    }

    /**
     * Adds a row whose ratio is computed elsewhere, such as the median of paired ratios.
     *
     * @param measure   what was measured, with its unit
     * @param dynacrud  the todo example's figure
     * @param baseline  the baseline's figure
     * @param ratio     dynacrud against the baseline
     * @param format    how to print both figures, such as {@code %.0f}
     * @param maxRatio  the target for the ratio, or {@code 0} for none
     * @return this report
     */
    Report row(String measure, double dynacrud, double baseline, double ratio, String format, double maxRatio) {
        String target = maxRatio == 0 ? "" : verdict(ratio, maxRatio);
        text.append(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f | %s |%n", measure,
                dynacrud, baseline, ratio, target));
        return this;
    }

    /**
     * Adds a section of steps that each handler may or may not take, with their total.
     *
     * @param heading  the section's heading
     * @param about    a sentence about it
     * @param dynacrud the todo example's milliseconds by step
     * @param baseline the baseline's milliseconds by step
     * @return this report
     */
    Report steps(String heading, String about, Map<String, Double> dynacrud, Map<String, Double> baseline) {
        text.append("\n### ").append(heading).append("\n\n").append(about).append("\n\n")
                .append("| Step | ").append(Contender.DYNACRUD.label()).append(", ms | ")
                .append(Contender.BASELINE.label()).append(", ms |\n| --- | ---: | ---: |\n");
        Set<String> names = new LinkedHashSet<>(dynacrud.keySet());
        names.addAll(baseline.keySet());
        for (String name : names) {
            text.append("| ").append(name).append(" | ").append(millis(dynacrud.get(name))).append(" | ")
                    .append(millis(baseline.get(name))).append(" |\n");
        }
        text.append(String.format(Locale.ROOT, "| **total** | %.0f | %.0f |%n", total(dynacrud), total(baseline)));
        return this;
    }

    /**
     * Tells whether a figure meets its target.
     *
     * @param value the figure
     * @param max   the most it may be
     * @return such as {@code <= 1.15: met} or {@code <= 1.15: **missed**}
     */
    static String verdict(double value, double max) {
        return String.format(Locale.ROOT, "<= %.2f: %s", max, value <= max ? "met" : "**missed**");
    }

    /**
     * Adds a section with a table of any columns.
     *
     * @param heading the section's heading
     * @param about   a sentence about it
     * @param columns the columns' headings; all but the first are right-aligned
     * @param rows    the cells, row by row
     * @return this report
     */
    Report table(String heading, String about, List<String> columns, List<List<String>> rows) {
        text.append("\n### ").append(heading).append("\n\n").append(about).append("\n\n| ")
                .append(String.join(" | ", columns)).append(" |\n| ---")
                .append(" | ---:".repeat(columns.size() - 1)).append(" |\n");
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return this;
    }

    private static String millis(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static double total(Map<String, Double> steps) {
        return steps.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * Adds a paragraph under the last table.
     *
     * @param paragraph the Markdown text
     * @return this report
     */
    Report note(String paragraph) {
        text.append("\n").append(paragraph).append("\n");
        return this;
    }

    /** @return the Markdown */
    String markdown() {
        return text.toString();
    }

    /**
     * Replaces the results between {@link #BEGIN} and {@link #END} in a page.
     *
     * @param page    the page
     * @param results the new results
     * @return the page with them
     * @throws IllegalArgumentException when the page lacks either marker
     */
    static String replaceResults(String page, String results) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the page needs the lines '" + BEGIN + "' and then '" + END
                    + "' around its results");
        }
        return page.substring(0, begin + BEGIN.length()) + "\n" + results.strip() + "\n" + page.substring(end);
    }

    /**
     * Finds the median of some values.
     *
     * @param values at least one value
     * @return their median: the middle one, or the mean of the two middle ones
     */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
