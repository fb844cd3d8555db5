package io.github.dynacrud.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's figures as Markdown: one table row per measure, dynacrud beside the baseline, their ratio and the
 * target it is held to.
 */
final class Report {
    static final String BEGIN = "<!-- benchmark results: begin -->";
    static final String END = "<!-- benchmark results: end -->";

    private final StringBuilder text = new StringBuilder();

    /** Starts a section with a heading and a sentence about it. */
    Report section(String heading, String about) {
        text.append("\n### ").append(heading).append("\n\n").append(about).append("\n\n")
                .append("| Measure | ").append(Contender.DYNACRUD.label()).append(" | ")
                .append(Contender.BASELINE.label()).append(" | Ratio | Target |\n")
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
     */
    Report row(String measure, double dynacrud, double baseline, String format, double maxRatio) {
        double ratio = dynacrud / baseline;
        String target = maxRatio == 0 ? "" : String.format(Locale.ROOT, "<= %.2f: %s", maxRatio,
                ratio <= maxRatio ? "met" : "**missed**");
        text.append(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f | %s |%n", measure,
                dynacrud, baseline, ratio, target));
        return this;
    }

    /** Adds a paragraph under the last table. */
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
