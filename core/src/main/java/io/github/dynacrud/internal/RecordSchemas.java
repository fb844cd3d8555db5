package io.github.dynacrud.internal;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds Enhanced Client table schemas for records from their components, once, at start-up: a
 * {@link StaticImmutableTableSchema} whose builder is an {@code Object[]} of component values, so no bean
 * introspection runs and nothing reflective runs per item.
 */
public final class RecordSchemas {
    private RecordSchemas() {
    }

    /**
     * Builds the schema of a record type; nested records become maps.
     *
     * @param model      the record's model
     * @param converters converters replacing the defaults for some components, by name
     * @param <T>        the record type
     * @return the schema
     * @throws IllegalArgumentException naming the component when a type cannot be stored
     */
    public static <T> TableSchema<T> of(RecordModel<T> model, Map<String, AttributeConverter<?>> converters) {
        StaticImmutableTableSchema.Builder<T, Object[]> builder =
                StaticImmutableTableSchema.builder(model.type(), Object[].class)
                        .newItemBuilder(() -> new Object[model.components().size()], model::create);
        for (int i = 0; i < model.components().size(); i++) {
            RecordModel.Component component = model.components().get(i);
            EnhancedType<?> type = enhancedType(model, component);
            AttributeConverter<?> converter = converters.get(component.name());
            if (converter == null) {
                converter = defaultConverter(component.rawType());
            }
            addAttribute(builder, model, i, type, converter);
        }
        return builder.build();
    }

    /** dynacrud's own converters for some types, or {@code null} for the SDK's default. */
    private static AttributeConverter<?> defaultConverter(Class<?> type) {
        if (type == BigDecimal.class) {
            return new DecimalConverter();
        }
        if (type == Instant.class) {
            return TimeConverters.INSTANT;
        }
        return type == LocalDate.class ? TimeConverters.LOCAL_DATE : null;
    }

    @SuppressWarnings("unchecked")
    private static <T, R> void addAttribute(StaticImmutableTableSchema.Builder<T, Object[]> builder,
            RecordModel<T> model, int position, EnhancedType<R> type, AttributeConverter<?> converter) {
        builder.addAttribute(type, attribute -> {
            attribute.name(model.components().get(position).name())
                    .getter(item -> (R) model.value(item, position))
                    .setter((values, value) -> values[position] = value);
            if (converter != null) {
                attribute.attributeConverter((AttributeConverter<R>) converter);
            }
        });
    }

    private static EnhancedType<?> enhancedType(RecordModel<?> owner, RecordModel.Component component) {
        Class<?> raw = component.rawType();
        String where = owner.type().getSimpleName() + "." + component.name();
        try {
            if (raw.isPrimitive()) {
                return EnhancedType.of(boxed(raw));
            }
            if (raw.isRecord()) {
                return document(raw);
            }
            Type generic = component.genericType();
            EnhancedType<?> type = EnhancedType.of(generic);
            AttributeConverterProvider.defaultProvider().converterFor(type);
            return type;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + " has type " + component.genericType().getTypeName()
                    + ", which dynacrud cannot store; use String, boolean, int, long, BigDecimal, Instant, LocalDate,"
                    + " an enum, List<String>, Set<String>, Map<String, String> or a record", e);
        }
    }

    private static <N> EnhancedType<N> document(Class<N> nested) {
        return EnhancedType.documentOf(nested, of(RecordModel.of(nested), Map.of()),
                config -> config.ignoreNulls(true));
    }

    private static Class<?> boxed(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "boolean" -> Boolean.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            default -> Character.class;
        };
    }

    /**
     * Stores a {@link BigDecimal} without trailing zeros, as DynamoDB normalises numbers, so a record reads back equal
     * to the one written ({@code 12.50} is stored and read as {@code 12.5}).
     */
    public static final class DecimalConverter implements AttributeConverter<BigDecimal> {
        @Override
        public AttributeValue transformFrom(BigDecimal input) {
            return AttributeValue.fromN(input.stripTrailingZeros().toPlainString());
        }

        @Override
        public BigDecimal transformTo(AttributeValue input) {
            return new BigDecimal(input.n());
        }

        @Override
        public EnhancedType<BigDecimal> type() {
            return EnhancedType.of(BigDecimal.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.N;
        }
    }

    /** Stores an {@link Instant} as a number of epoch seconds, the form DynamoDB's time to live reads. */
    public static final class EpochSecondsConverter implements AttributeConverter<Instant> {
        @Override
        public AttributeValue transformFrom(Instant input) {
            return AttributeValue.fromN(Long.toString(input.getEpochSecond()));
        }

        @Override
        public Instant transformTo(AttributeValue input) {
            return Instant.ofEpochSecond(Long.parseLong(input.n()));
        }

        @Override
        public EnhancedType<Instant> type() {
            return EnhancedType.of(Instant.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.N;
        }
    }
}
