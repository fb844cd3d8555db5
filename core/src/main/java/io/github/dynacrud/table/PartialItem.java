package io.github.dynacrud.table;

import io.github.dynacrud.internal.AttributeTypes;
import io.github.dynacrud.internal.EntityMapping;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Some attributes of one stored item, as a {@link Projection} read them: clearly not a whole record. Values are read
 * by attribute name and type, converted as the item mapping stores them.
 *
 * <pre>{@code
 * Optional<PartialItem<Todo>> todo = todos.get(scope, id, Projection.of(Todo.ENTITY, "title"));
 * String title = todo.flatMap(t -> t.get("title", String.class)).orElse("");
 * }</pre>
 *
 * @param <T> the record type the item belongs to
 */
public final class PartialItem<T extends Record> {
    private final Projection<T> projection;
    private final Map<String, Object> values;

    private PartialItem(Projection<T> projection, Map<String, Object> values) {
        this.projection = projection;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Reads the projected attributes of a stored item of the projection's entity. */
    static <T extends Record> PartialItem<T> read(Projection<T> projection, EntityMapping<T> mapping,
            Map<String, AttributeValue> item) {
        Map<String, Object> values = new HashMap<>();
        for (String attribute : projection.attributes()) {
            AttributeValue stored = item.get(attribute);
            if (stored != null) {
                AttributeConverter<?> declared = mapping.schema().converterForAttribute(attribute);
                @SuppressWarnings("unchecked")
                AttributeConverter<Object> converter = (AttributeConverter<Object>) declared;
                values.put(attribute, converter.transformTo(stored));
            }
        }
        return new PartialItem<>(projection, values);
    }

    /** @return the attributes that were asked for; {@link #get} answers only these */
    public Set<String> attributes() {
        return projection.attributes();
    }

    /**
     * Reads one projected attribute.
     *
     * @param attribute a projected attribute
     * @param type      its type (a primitive component is read as its box)
     * @param <V>       its type
     * @return the value, or empty when the stored item lacks the attribute
     * @throws IllegalArgumentException when the attribute was not projected or is not of that type
     */
    public <V> Optional<V> get(String attribute, Class<V> type) {
        if (!projection.attributes().contains(attribute)) {
            throw new IllegalArgumentException("'" + attribute + "' was not read: the projection of "
                    + projection.entity().type() + " holds " + projection.attributes());
        }
        Class<?> declared = AttributeTypes.boxed(AttributeTypes.component(projection.entity().recordType(), attribute)
                .rawType());
        if (!type.isAssignableFrom(declared)) {
            throw new IllegalArgumentException("'" + attribute + "' of " + projection.entity().type() + " holds "
                    + declared.getSimpleName() + "s, not " + type.getSimpleName() + "s");
        }
        return Optional.ofNullable(type.cast(values.get(attribute)));
    }

    @Override
    public String toString() {
        return "PartialItem[" + projection.entity().type() + " " + projection.attributes() + "]";
    }
}
