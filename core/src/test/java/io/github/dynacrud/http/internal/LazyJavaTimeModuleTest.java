package io.github.dynacrud.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjuster;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LazyJavaTimeModuleTest {
    private static final Instant AT = Instant.parse("2026-12-01T09:45:00.456Z");

    record Formatted(@JsonFormat(pattern = "dd.MM.yyyy") LocalDate day,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant at,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Duration spent, Month month, DayOfWeek weekday) {
    }

    static Stream<Object> values() {
        return Stream.of(AT, LocalDate.of(2026, 12, 24), LocalDateTime.of(2026, 12, 24, 18, 30, 1, 5),
                LocalTime.of(7, 5), OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
                ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 6, ZoneId.of("Europe/Paris")),
                OffsetTime.of(3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-5, -30)), Duration.ofMillis(90_061_001),
                Period.of(1, 2, 3), Year.of(2026), YearMonth.of(2026, 12), MonthDay.of(2, 29), ZoneId.of("UTC"),
                ZoneId.of("Europe/Paris"), ZoneOffset.ofHours(-3), Month.DECEMBER,
                new Formatted(LocalDate.of(2026, 12, 24), AT, Duration.ofSeconds(61), Month.MAY, DayOfWeek.FRIDAY),
                Map.of(LocalDate.of(2026, 12, 24), 1), Map.of(AT, "at"), List.of(Duration.ZERO, Period.ZERO));
    }

    private static ObjectMapper mapper(Module time, boolean timestamps) {
        return JsonMapper.builder().addModule(time)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, timestamps).build();
    }

    @ParameterizedTest
    @MethodSource("values")
    void writeThenRead_everyJavaTimeType_asTheJsr310ModuleDoes(Object value) throws Exception {
        for (boolean timestamps : new boolean[] {false, true}) {
            // GIVEN
            ObjectMapper lazy = mapper(new LazyJavaTimeModule(), timestamps);
            ObjectMapper eager = mapper(new JavaTimeModule(), timestamps);

            // WHEN
            String written = lazy.writeValueAsString(value);

            // THEN
            assertThat(written).isEqualTo(eager.writeValueAsString(value));
            JavaType type = value instanceof Map<?, ?> map
                    ? lazy.getTypeFactory().constructMapType(Map.class, map.keySet().iterator().next().getClass(),
                            map.values().iterator().next().getClass())
                    : lazy.constructType(value instanceof List<?> ? Object.class
                            : value instanceof ZoneId && !(value instanceof ZoneOffset) ? ZoneId.class
                            : value.getClass());
            String read = outcome(lazy, written, type);
            assertThat(read).startsWith("read ").isEqualTo(outcome(eager, written, type));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[2026,12,24]", "\"2026-13-01\"", "20447", "\"\"", "true"})
    void read_badOrUnusualDate_asTheJsr310ModuleDoes(String json) {
        // GIVEN
        ObjectMapper lazy = mapper(new LazyJavaTimeModule(), false);
        ObjectMapper eager = mapper(new JavaTimeModule(), false);

        // WHEN
        String lazyOutcome = outcome(lazy, json, lazy.constructType(LocalDate.class));

        // THEN
        assertThat(lazyOutcome).isEqualTo(outcome(eager, json, eager.constructType(LocalDate.class)));
    }

    /** What reading gives: the value, or the failure and the first line of its message. */
    private static String outcome(ObjectMapper mapper, String json, JavaType type) {
        try {
            return "read " + mapper.readValue(json, type);
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    @Test
    void write_lambdaAdjustingTemporals_asAnEmptyObjectLikeTheJsr310Module() throws Exception {
        // GIVEN
        TemporalAdjuster nextDay = temporal -> temporal.plus(Duration.ofDays(1));

        // WHEN
        String written = mapper(new LazyJavaTimeModule(), false).writeValueAsString(nextDay);

        // THEN
        assertThat(written).isEqualTo(mapper(new JavaTimeModule(), false).writeValueAsString(nextDay))
                .isEqualTo("{}");
    }

    @Test
    void registerModule_jsr310AfterTheLazyOne_isIgnoredAsTheSameModule() throws Exception {
        // GIVEN
        ObjectMapper mapper = mapper(new LazyJavaTimeModule(), false);

        // WHEN
        mapper.registerModule(new JavaTimeModule());

        // THEN
        assertThat(new LazyJavaTimeModule().getTypeId()).isEqualTo(new JavaTimeModule().getTypeId());
        assertThat(new LazyJavaTimeModule().version()).isEqualTo(new JavaTimeModule().version());
        assertThat(mapper.getRegisteredModuleIds()).containsExactly(new JavaTimeModule().getTypeId());
    }

    @Test
    void handles_javaTimeTypesAndAdjustersOnly() {
        // GIVEN / WHEN / THEN
        assertThat(LazyJavaTimeModule.handles(Instant.class)).isTrue();
        assertThat(LazyJavaTimeModule.handles(Month.class)).isTrue();
        assertThat(LazyJavaTimeModule.handles(TemporalAdjuster.class)).isTrue();
        assertThat(LazyJavaTimeModule.handles(String.class)).isFalse();
        assertThat(LazyJavaTimeModule.handles(java.time.format.DateTimeFormatter.class)).isFalse();
    }
}
