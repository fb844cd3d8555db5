package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IsoTime} answers exactly as {@code java.time} does, for every input. */
class IsoTimeTest {
    private static final long YEAR_ZERO = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_TEN_THOUSAND = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void formatAndParse_randomInstantsWithEveryPrecision_matchJavaTime() {
        // GIVEN
        SplittableRandom random = new SplittableRandom(20261201);

        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(YEAR_ZERO - 1000, YEAR_TEN_THOUSAND + 1000),
                    nanos(random));

            // WHEN
            String formatted = IsoTime.format(instant);

            // THEN
            assertThat(formatted).isEqualTo(instant.toString());
            assertThat(IsoTime.parseInstant(formatted)).isEqualTo(Instant.parse(formatted));
        }
    }

    @Test
    void format_instantsBeyondFourDigitYears_matchJavaTime() {
        for (Instant instant : List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(YEAR_ZERO),
                Instant.ofEpochSecond(YEAR_ZERO - 1, 999_999_999), Instant.ofEpochSecond(YEAR_TEN_THOUSAND),
                Instant.ofEpochSecond(YEAR_TEN_THOUSAND - 1, 999_999_999))) {
            assertThat(IsoTime.format(instant)).isEqualTo(instant.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T09:45:00Z", "2026-12-01T09:45:00.4Z", "2026-12-01T09:45:00.123456789Z",
        "2024-02-29T23:59:59.999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "2026-12-01t09:45:00z", "2026-12-01T09:45:00+01:00", "+12026-12-01T09:45:00Z", "2026-12-31T23:59:60Z",
        "2026-12-01T24:00:00Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-12-32T00:00:00Z", "2026-12-01T09:60:00Z", "2026-12-01T09:45:00.Z", "2026-12-01T09:45:00.1234567890Z",
        "2026-12-01T09:45:00", "2026-12-01 09:45:00Z", "2026-12-01T09:45:0aZ", "2026-1a-01T09:45:00Z",
        "2026-12-01T09:45:00,5Z", "2026-12-01T-9:45:00Z", "", "2026-12-01", "not a time at all, really no"})
    void parseInstant_anyText_answersOrFailsAsInstantParse(String text) {
        // GIVEN / WHEN
        Object expected = outcome(() -> Instant.parse(text));
        Object actual = outcome(() -> IsoTime.parseInstant(text));

        // THEN
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-24", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2026-13-01",
        "2026-00-01", "2026-04-31", "2026-12-00", "+2026-12-24", "2026-1-24", "2026/12/24", "2026-12-2a",
        "-026-12-24", "2026-12-24T00:00:00Z", "", "abcdefghij"})
    void parseDate_anyText_answersOrFailsAsLocalDateParse(String text) {
        // GIVEN / WHEN
        Object expected = outcome(() -> LocalDate.parse(text));
        Object actual = outcome(() -> IsoTime.parseDate(text));

        // THEN
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void parseDate_everyDayOfFourHundredYears_matchesLocalDateParse() {
        for (LocalDate day = LocalDate.of(1900, 1, 1); day.getYear() < 2300; day = day.plusDays(1)) {
            assertThat(IsoTime.parseDate(day.toString())).isEqualTo(day);
        }
    }

    /** A value, or the failure's class and message, so results and failures compare alike. */
    private static Object outcome(java.util.function.Supplier<Object> action) {
        Throwable failure = catchThrowable(action::get);
        return failure == null ? action.get() : failure.getClass().getName() + ": " + failure.getMessage();
    }

    private static int nanos(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }
}
