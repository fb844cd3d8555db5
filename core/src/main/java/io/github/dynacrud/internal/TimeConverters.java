package io.github.dynacrud.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Enhanced Client's converters for {@link Instant} and {@link LocalDate} with {@link IsoTime}'s fast path in
 * front: the stored strings and the values read are the SDK converters' own, which still handle every other form.
 *
 * @param <T> the time type
 */
final class TimeConverters<T> implements AttributeConverter<T> {
    /** Stores instants as ISO-8601 strings, as the SDK's default converter does. */
    static final AttributeConverter<Instant> INSTANT = new TimeConverters<>(Instant.class, IsoTime::format,
            IsoTime::plainInstant);
    /** Stores dates as ISO-8601 strings, as the SDK's default converter does. */
    static final AttributeConverter<LocalDate> LOCAL_DATE = new TimeConverters<>(LocalDate.class, LocalDate::toString,
            IsoTime::plainDate);

    private final AttributeConverter<T> sdk;
    private final Function<T, String> format;
    /** The plain form's value, or {@code null} for anything the SDK's converter must read. */
    private final Function<String, T> plain;

    private TimeConverters(Class<T> type, Function<T, String> format, Function<String, T> plain) {
        this.sdk = AttributeConverterProvider.defaultProvider().converterFor(EnhancedType.of(type));
        this.format = format;
        this.plain = plain;
    }

    @Override
    public AttributeValue transformFrom(T input) {
        return AttributeValue.fromS(format.apply(input));
    }

    @Override
    public T transformTo(AttributeValue input) {
        T fast = input.s() == null ? null : plain.apply(input.s());
        return fast != null ? fast : sdk.transformTo(input);
    }

    @Override
    public EnhancedType<T> type() {
        return sdk.type();
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.S;
    }
}
