package io.github.dynacrud.internal;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.Index;
import io.github.dynacrud.entity.KeyParts;
import io.github.dynacrud.entity.KeyTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything one entity type needs to become DynamoDB items and back, built once per repository: the record model,
 * the Enhanced Client table schema, and the rendering of primary and index keys.
 *
 * @param <T> the record type
 */
public final class EntityMapping<T extends Record> {
    private final Entity<T> entity;
    private final RecordModel<T> model;
    private final TableSchema<T> schema;
    private final AttributeValue typeValue;

    /**
     * Builds the mapping of an entity.
     *
     * @param entity the entity
     */
    public EntityMapping(Entity<T> entity) {
        this.entity = entity;
        this.model = RecordModel.of(entity.recordType());
        Map<String, AttributeConverter<?>> converters = new HashMap<>();
        entity.ttlAttribute().filter(ttl -> model.component(ttl).rawType() == Instant.class)
                .ifPresent(ttl -> converters.put(ttl, new RecordSchemas.EpochSecondsConverter()));
        this.schema = RecordSchemas.of(model, converters);
        this.typeValue = AttributeValue.fromS(entity.type());
    }

    /** @return the entity */
    public Entity<T> entity() {
        return entity;
    }

    /** @return the record model */
    public RecordModel<T> model() {
        return model;
    }

    /** @return the Enhanced Client schema of the record's own attributes */
    public TableSchema<T> schema() {
        return schema;
    }

    /** @return the value of the entity-type attribute */
    public AttributeValue typeValue() {
        return typeValue;
    }

    /**
     * Converts one attribute value as the schema stores it.
     *
     * @param attribute the component name
     * @param value     the value
     * @return the stored form, or {@code null} when the value is {@code null} or an empty set, which DynamoDB cannot
     *         store and which reads back as empty
     */
    @SuppressWarnings("unchecked")
    public AttributeValue attributeValue(String attribute, Object value) {
        if (value == null) {
            return null;
        }
        AttributeConverter<?> converter = schema.converterForAttribute(attribute);
        AttributeValue stored;
        try {
            stored = ((AttributeConverter<Object>) converter).transformFrom(value);
        } catch (IllegalArgumentException e) {
            // The SDK's converters refuse only NaN and infinite floating-point numbers.
            throw new ValidationException(attribute, ItemLimits.NUMBER_MESSAGE);
        }
        return isStorable(stored) ? withoutEmptySets(stored) : null;
    }

    /**
     * Renders the primary key.
     *
     * @param values where to find each placeholder's value
     * @return {@code PK} and {@code SK}
     * @throws io.github.dynacrud.ValidationException when a key part is missing or could forge another key
     */
    public Map<String, AttributeValue> primaryKey(Function<String, Object> values) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(Entity.PARTITION_KEY, partitionKey(entity.partitionKey(), values));
        key.put(Entity.SORT_KEY, sortKey(entity.sortKey(), values));
        return key;
    }

    /**
     * Renders a template whose every placeholder must have a value.
     *
     * @param template the template
     * @param values   where to find each placeholder's value
     * @return the key
     * @throws io.github.dynacrud.ValidationException when a key part is missing or could forge another key
     */
    public String render(KeyTemplate template, Function<String, Object> values) {
        // Straight from the segments, without an intermediate map of parts: this runs for every key of every item.
        List<KeyTemplate.Segment> segments = template.segments();
        StringBuilder key = new StringBuilder(48);
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                key.append(KeyTemplate.SEPARATOR);
            }
            KeyTemplate.Segment segment = segments.get(i);
            key.append(segment.isPlaceholder()
                    ? KeyParts.check(segment.attribute(), values.apply(segment.attribute())) : segment.literal());
        }
        return key.toString();
    }

    /**
     * Renders an index's keys when the item belongs to it, that is when every attribute its templates name has a
     * value.
     *
     * @param index  the index
     * @param values where to find each placeholder's value
     * @return both key attributes, or empty when the item is not in this sparse index
     */
    public Optional<Map<String, AttributeValue>> indexKey(Index index, Function<String, Object> values) {
        if (!hasAll(index.partitionKey(), values) || !hasAll(index.sortKey(), values)) {
            return Optional.empty();
        }
        return Optional.of(Map.of(
                index.partitionKeyAttribute(), partitionKey(index.partitionKey(), values),
                index.sortKeyAttribute(), sortKey(index.sortKey(), values)));
    }

    /**
     * Renders a partition key, of the table or an index, and checks its length.
     *
     * @param template the template
     * @param values   where to find each placeholder's value
     * @return the key
     * @throws ValidationException when a key part is missing or could forge another key, or the key is too long
     */
    public AttributeValue partitionKey(KeyTemplate template, Function<String, Object> values) {
        return AttributeValue.fromS(ItemLimits.checkKey(template, render(template, values),
                ItemLimits.MAX_PARTITION_KEY_BYTES));
    }

    private AttributeValue sortKey(KeyTemplate template, Function<String, Object> values) {
        return AttributeValue.fromS(ItemLimits.checkKey(template, render(template, values),
                ItemLimits.MAX_SORT_KEY_BYTES));
    }

    private static boolean hasAll(KeyTemplate template, Function<String, Object> values) {
        for (KeyTemplate.Segment segment : template.segments()) {
            if (segment.isPlaceholder() && values.apply(segment.attribute()) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Builds the whole stored item of a record: its attributes, primary key, index keys and entity type.
     *
     * @param item the record
     * @return the item, without {@code null} attributes
     * @throws ValidationException when a key part is missing or could forge another key, or the item breaks one of
     *                             {@link ItemLimits}
     */
    public Map<String, AttributeValue> toItem(T item) {
        Map<String, AttributeValue> stored = new LinkedHashMap<>();
        attributes(item).forEach((name, value) -> {
            if (isStorable(value)) {
                stored.put(name, withoutEmptySets(value));
            }
        });
        Function<String, Object> values = name -> model.value(item, name);
        stored.putAll(primaryKey(values));
        for (Index index : entity.indexes()) {
            indexKey(index, values).ifPresent(stored::putAll);
        }
        stored.put(Entity.TYPE_ATTRIBUTE, typeValue);
        ItemLimits.checkItem(stored);
        return stored;
    }

    private Map<String, AttributeValue> attributes(T item) {
        try {
            return schema.itemToMap(item, true);
        } catch (IllegalArgumentException e) {
            // Rare: convert one attribute at a time to name the one at fault.
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            for (RecordModel.Component component : model.components()) {
                AttributeValue value = attributeValue(component.name(), model.value(item, component.name()));
                if (value != null) {
                    attributes.put(component.name(), value);
                }
            }
            return attributes;
        }
    }

    /**
     * Tells whether a stored item is of this entity type.
     *
     * @param item a stored item, possibly {@code null} or empty
     * @return {@code true} when it exists and carries this type
     */
    public boolean isOwnType(Map<String, AttributeValue> item) {
        return item != null && typeValue.equals(item.get(Entity.TYPE_ATTRIBUTE));
    }

    /**
     * Reads a stored item of this type.
     *
     * @param item a stored item
     * @return the record, or empty when the item is missing or of another type
     */
    public Optional<T> fromItem(Map<String, AttributeValue> item) {
        return isOwnType(item) ? Optional.of(schema.mapToItem(item)) : Optional.empty();
    }

    /**
     * Boxes a version number as the record's version component expects it.
     *
     * @param version the version
     * @return an {@link Integer} or a {@link Long}
     */
    public Object versionValue(long version) {
        Class<?> type = model.component(entity.versionAttribute().orElseThrow()).rawType();
        return type == int.class || type == Integer.class ? (Object) Math.toIntExact(version) : (Object) version;
    }

    /**
     * Reads the version of a record.
     *
     * @param item the record
     * @return its version, 0 when unset
     */
    public long version(T item) {
        Object version = model.value(item, entity.versionAttribute().orElseThrow());
        return version == null ? 0 : ((Number) version).longValue();
    }

    private static boolean isStorable(AttributeValue value) {
        return value != null && !Boolean.TRUE.equals(value.nul()) && !isEmptySet(value);
    }

    private static boolean isEmptySet(AttributeValue value) {
        return value.hasSs() && value.ss().isEmpty() || value.hasNs() && value.ns().isEmpty()
                || value.hasBs() && value.bs().isEmpty();
    }

    /**
     * Leaves out the empty sets inside maps (nested records, maps of sets), as at the top level: DynamoDB refuses
     * them, and they read back as empty. An empty set directly in a list has no such place to go: ItemLimits
     * refuses it.
     */
    private static AttributeValue withoutEmptySets(AttributeValue value) {
        if (value.hasL()) {
            List<AttributeValue> elements = value.l().stream().map(EntityMapping::withoutEmptySets).toList();
            return elements.equals(value.l()) ? value : AttributeValue.fromL(elements);
        }
        if (!value.hasM()) {
            return value;
        }
        Map<String, AttributeValue> kept = new LinkedHashMap<>();
        value.m().forEach((name, inner) -> {
            if (!isEmptySet(inner)) {
                kept.put(name, withoutEmptySets(inner));
            }
        });
        return kept.equals(value.m()) ? value : AttributeValue.fromM(kept);
    }
}
