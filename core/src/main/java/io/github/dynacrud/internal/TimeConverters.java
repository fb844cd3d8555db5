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
            IsoTime::parseInstant);
    /** Stores dates as ISO-8601 strings, as the SDK's default converter does. */
    static final AttributeConverter<LocalDate> LOCAL_DATE = new TimeConverters<>(LocalDate.class, LocalDate::toString,
            IsoTime::parseDate);

    private final AttributeConverter<T> sdk;
    private final Function<T, String> format;
    private final Function<String, T> parse;

    private TimeConverters(Class<T> type, Function<T, String> format, Function<String, T> parse) {
        this.sdk = AttributeConverterProvider.defaultProvider().converterFor(EnhancedType.of(type));
        this.format = format;
        this.parse = parse;
    }

    @Override
    public AttributeValue transformFrom(T input) {
        return AttributeValue.fromS(format.apply(input));
    }

    @Override
    public T transformTo(AttributeValue input) {
        if (input.s() != null) {
            try {
                return parse.apply(input.s());
            } catch (RuntimeException e) {
                // The SDK's converter reads what java.time cannot, and otherwise fails in its own way.
                return sdk.transformTo(input);
            }
        }
        return sdk.transformTo(input);
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
