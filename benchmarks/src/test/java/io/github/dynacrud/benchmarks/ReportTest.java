package io.github.dynacrud.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    @Test
    void median_oddCount_isTheMiddleValue() {
        // GIVEN / WHEN
        double median = Report.median(List.of(9.0, 1.0, 5.0));

        // THEN
        assertThat(median).isEqualTo(5.0);
    }

    @Test
    void median_evenCount_isTheMeanOfTheTwoMiddleValues() {
        // GIVEN / WHEN
        double median = Report.median(List.of(4.0, 100.0, 1.0, 2.0));

        // THEN
        assertThat(median).isEqualTo(3.0);
    }

    @Test
    void median_noValues_isRefused() {
        assertThatThrownBy(() -> Report.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void row_showsBothFiguresTheirRatioAndWhetherTheTargetIsMet() {
        // GIVEN
        Report report = new Report().section("Cold start", "About.");

        // WHEN
        report.row("Time, ms", 1100, 1000, "%.0f", 1.15).row("Memory, MiB", 130, 100, "%.1f", 1.2)
                .row("Second, ms", 1200, 1000, "%.0f", 0);

        // THEN
        assertThat(report.markdown()).contains(
                "| Measure | todo example (dynacrud) | hand-written baseline | Ratio | Target |",
                "| Time, ms | 1100 | 1000 | 1.10 | <= 1.15: met |",
                "| Memory, MiB | 130.0 | 100.0 | 1.30 | <= 1.20: **missed** |",
                "| Second, ms | 1200 | 1000 | 1.20 |  |");
    }

    @Test
    void row_withAGivenRatio_showsThatRatioRatherThanTheFiguresQuotient() {
        // GIVEN
        Report report = new Report().section("Cold start", "About.");

        // WHEN
        report.row("Time, ms", 1300, 1000, 1.12, "%.0f", 1.15);

        // THEN
        assertThat(report.markdown()).contains("| Time, ms | 1300 | 1000 | 1.12 | <= 1.15: met |");
    }

    @Test
    void steps_showEveryStepOfEitherHandlerAndTheirTotals() {
        // GIVEN
        Map<String, Double> dynacrud = new LinkedHashMap<>();
        dynacrud.put("client", 600.4);
        dynacrud.put("validator", 200.0);
        Map<String, Double> baseline = new LinkedHashMap<>();
        baseline.put("client", 590.0);
        baseline.put("handler", 20.6);

        // WHEN
        String markdown = new Report().steps("Init", "About.", dynacrud, baseline).markdown();

        // THEN
        assertThat(markdown).contains(
                "| Step | todo example (dynacrud), ms | hand-written baseline, ms |",
                "| client | 600 | 590 |",
                "| validator | 200 |  |",
                "| handler |  | 21 |",
                "| **total** | 800 | 611 |");
    }

    @Test
    void table_showsItsColumnsRightAlignedAfterTheFirstAndEachRow() {
        // GIVEN / WHEN
        String markdown = new Report().table("Scaling", "About.", List.of("Types", "ms", "classes"),
                List.of(List.of("1", "20", "3,000"), List.of("30", "80", "3,100"))).markdown();

        // THEN
        assertThat(markdown).contains("### Scaling\n\nAbout.\n\n| Types | ms | classes |\n| --- | ---: | ---: |\n"
                + "| 1 | 20 | 3,000 |\n| 30 | 80 | 3,100 |\n");
    }

    @Test
    void verdict_tellsWhetherAFigureIsWithinItsTarget() {
        assertThat(Report.verdict(2.5, 3)).isEqualTo("<= 3.00: met");
        assertThat(Report.verdict(3.01, 3)).isEqualTo("<= 3.00: **missed**");
    }

    @Test
    void replaceResults_replacesOnlyWhatLiesBetweenTheMarkers() {
        // GIVEN
        String page = "# Performance\n\n" + Report.BEGIN + "\nold figures\n" + Report.END + "\n\nHow to read them.\n";

        // WHEN
        String updated = Report.replaceResults(page, "\nnew figures\n\n");

        // THEN
        assertThat(updated).isEqualTo("# Performance\n\n" + Report.BEGIN + "\nnew figures\n" + Report.END
                + "\n\nHow to read them.\n");
    }

    @Test
    void replaceResults_pageWithoutMarkers_isRefusedWithTheMarkersToAdd() {
        assertThatThrownBy(() -> Report.replaceResults("# Performance\n", "figures"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Report.BEGIN);
    }
}
