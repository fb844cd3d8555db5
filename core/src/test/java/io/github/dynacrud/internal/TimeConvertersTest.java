package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** dynacrud's time converters store and read exactly what the SDK's default converters do. */
class TimeConvertersTest {
    private static final AttributeConverter<Instant> SDK_INSTANT =
            AttributeConverterProvider.defaultProvider().converterFor(EnhancedType.of(Instant.class));
    private static final AttributeConverter<LocalDate> SDK_DATE =
            AttributeConverterProvider.defaultProvider().converterFor(EnhancedType.of(LocalDate.class));

    @Test
    void instant_randomValues_storeAndReadAsTheSdkDoes() {
        // GIVEN
        SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 260_000_000_000L),
                    random.nextBoolean() ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000));

            // WHEN
            AttributeValue stored = TimeConverters.INSTANT.transformFrom(instant);

            // THEN
            assertThat(stored).isEqualTo(SDK_INSTANT.transformFrom(instant));
            assertThat(TimeConverters.INSTANT.transformTo(stored)).isEqualTo(instant);
        }
    }

    @Test
    void instant_otherFormsAndBadValues_readOrFailAsTheSdkDoes() {
        for (AttributeValue value : List.of(AttributeValue.fromS("2026-12-01T09:45:00+01:00"),
                AttributeValue.fromS("2026-12-01T09:45:00.5-05:30"), AttributeValue.fromS("2026-02-30T00:00:00Z"),
                AttributeValue.fromS("yesterday"), AttributeValue.fromN("1764582300"), AttributeValue.fromBool(true))) {
            assertThat(outcome(() -> TimeConverters.INSTANT.transformTo(value)))
                    .as("%s", value).isEqualTo(outcome(() -> SDK_INSTANT.transformTo(value)));
        }
    }

    @Test
    void localDate_valuesAndBadValues_storeAndReadAsTheSdkDoes() {
        for (LocalDate date = LocalDate.of(1999, 1, 1); date.getYear() < 2031; date = date.plusDays(3)) {
            assertThat(TimeConverters.LOCAL_DATE.transformFrom(date)).isEqualTo(SDK_DATE.transformFrom(date));
            assertThat(TimeConverters.LOCAL_DATE.transformTo(SDK_DATE.transformFrom(date))).isEqualTo(date);
        }
        for (AttributeValue value : List.of(AttributeValue.fromS("2026-02-30"), AttributeValue.fromS("+12026-01-01"),
                AttributeValue.fromS("2026-12-24T10:00:00"), AttributeValue.fromN("3"))) {
            assertThat(outcome(() -> TimeConverters.LOCAL_DATE.transformTo(value)))
                    .as("%s", value).isEqualTo(outcome(() -> SDK_DATE.transformTo(value)));
        }
    }

    private static Object outcome(Supplier<Object> action) {
        Throwable failure = catchThrowable(action::get);
        return failure == null ? action.get() : failure.getClass().getName() + ": " + failure.getMessage();
    }
}
