package io.github.dynacrud.entity;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The checks {@link Entity.Builder#build()} runs on a description; each failure names its culprit. */
final class EntityRules {
    private final Entity<?> entity;
    private final String type;
    private final Map<String, RecordComponent> components;
    private final String owner;
    private final String version;

    private EntityRules(Entity<?> entity) {
        this.entity = entity;
        this.type = entity.type();
        this.components = new HashMap<>();
        for (RecordComponent component : entity.recordType().getRecordComponents()) {
            components.put(component.getName(), component);
        }
        this.owner = entity.ownerAttribute().orElse(null);
        this.version = entity.versionAttribute().orElse(null);
    }

    /**
     * Checks a built description against its record.
     *
     * @param entity the description
     * @throws IllegalArgumentException naming the offending template or attribute
     */
    static void check(Entity<?> entity) {
        new EntityRules(entity).check();
    }

    private void check() {
        KeyTemplate partitionKey = entity.partitionKey();
        KeyTemplate sortKey = entity.sortKey();
        checkTemplate(partitionKey, "partition key");
        checkTemplate(sortKey, "sort key");
        if (sortKey.segments().get(0).isPlaceholder()) {
            throw new IllegalArgumentException("sort key template '" + sortKey + "' of " + type
                    + " must start with a literal, such as '" + type.toUpperCase(Locale.ROOT)
                    + "#{" + sortKey.segments().get(0).attribute() + "}', so its items can be listed");
        }
        List<String> keyAttributes = new ArrayList<>(partitionKey.attributes());
        keyAttributes.addAll(sortKey.attributes());
        if (Collections.frequency(keyAttributes, owner) == keyAttributes.size()) {
            throw new IllegalArgumentException("the primary key of " + type + " ('" + partitionKey + "', '"
                    + sortKey + "') has no placeholder that tells its items apart, such as '{id}'");
        }
        for (Index index : entity.indexes()) {
            checkTemplate(index.partitionKey(), "index " + index.name() + " partition key");
            checkTemplate(index.sortKey(), "index " + index.name() + " sort key");
            if (owner != null && !index.partitionKey().attributes().contains(owner)) {
                throw new IllegalArgumentException("index " + index.name() + " partition key template '"
                        + index.partitionKey() + "' of owner-scoped " + type + " must contain {" + owner
                        + "}, or a query could see other owners' items");
            }
        }
        String id = entity.idAttribute().orElse(null);
        if (id != null && !keyAttributes.contains(id)) {
            throw new IllegalArgumentException("id attribute '" + id + "' of " + type
                    + " must appear in the partition or sort key template");
        }
        if (owner != null && !partitionKey.attributes().contains(owner)) {
            throw new IllegalArgumentException("owner attribute '" + owner + "' of " + type
                    + " must appear in the partition key template, which is '" + partitionKey + "'");
        }
        for (Optional<String> managed : List.of(entity.versionAttribute(), entity.createdAtAttribute(),
                entity.updatedAtAttribute(), entity.ttlAttribute())) {
            if (managed.isPresent() && keyAttributes.contains(managed.get())) {
                throw new IllegalArgumentException("attribute '" + managed.get() + "' of " + type
                        + " changes on writes, so it cannot be part of the primary key");
            }
        }
        List<String> unique = entity.uniqueAttributes();
        if (!unique.isEmpty() && version == null) {
            throw new IllegalArgumentException(type + " has unique attributes " + unique
                    + ", which need a version attribute: writes check the version they read");
        }
        if (!unique.isEmpty() && entity.ttlAttribute().isPresent()) {
            throw new IllegalArgumentException(type + " has unique attributes " + unique + " and a ttl: DynamoDB would"
                    + " expire the item but not the guards of its unique values, which would stay taken");
        }
        String createdAt = entity.createdAtAttribute().orElse(null);
        for (Index index : entity.indexes()) {
            List<String> attributes = new ArrayList<>(index.partitionKey().attributes());
            attributes.addAll(index.sortKey().attributes());
            if (createdAt != null && attributes.contains(createdAt) && changeableBesides(attributes, createdAt,
                    keyAttributes)) {
                throw new IllegalArgumentException("index " + index.name() + " of " + type + " combines '" + createdAt
                        + "', which no write gives, with attributes a write can change " + attributes
                        + ": its keys could not be rebuilt without a read");
            }
        }
        for (String attribute : unique) {
            if (keyAttributes.contains(attribute)) {
                throw new IllegalArgumentException("unique attribute '" + attribute + "' of " + type
                        + " is already part of the primary key");
            }
        }
        checkReservedNames();
    }

    /** Tells whether attributes hold one that is neither the creation time nor part of the primary key. */
    private static boolean changeableBesides(List<String> attributes, String createdAt, List<String> keyAttributes) {
        for (String attribute : attributes) {
            if (!attribute.equals(createdAt) && !keyAttributes.contains(attribute)) {
                return true;
            }
        }
        return false;
    }

    private void checkTemplate(KeyTemplate template, String role) {
        String first = template.segments().get(0).literal();
        if (Entity.GUARD_PREFIX.equals(first) || Entity.IDEMPOTENCY_PREFIX.equals(first)) {
            throw new IllegalArgumentException("key template '" + template + "' of " + type + " starts with '"
                    + first + "', which dynacrud keeps for " + (Entity.GUARD_PREFIX.equals(first)
                            ? "the guards of unique values" : "idempotency records") + "; start it with another literal");
        }
        for (String attribute : template.attributes()) {
            RecordComponent c = components.get(attribute);
            if (c == null) {
                throw new IllegalArgumentException(role + " template '" + template + "' names '" + attribute
                        + "', which " + entity.recordType().getSimpleName() + " does not have");
            }
            if (!KeyParts.isKeyType(c.getType())) {
                throw new IllegalArgumentException(role + " template '" + template + "' names '" + attribute
                        + "' of type " + c.getType().getSimpleName()
                        + "; keys take String, number, boolean, LocalDate, Instant or enum attributes");
            }
            if (role.endsWith("sort key") && c.getType() == BigDecimal.class) {
                throw new IllegalArgumentException(role + " template '" + template + "' names '" + attribute
                        + "', a BigDecimal, whose key text would not sort by value; use an int or a long, which keys"
                        + " hold at a fixed width, or a String you format");
            }
            if (attribute.equals(version)) {
                throw new IllegalArgumentException(role + " template '" + template + "' names the version '"
                        + attribute + "', which changes on every write");
            }
        }
    }

    private void checkReservedNames() {
        Set<String> reserved = new LinkedHashSet<>(List.of(Entity.PARTITION_KEY, Entity.SORT_KEY,
                Entity.TYPE_ATTRIBUTE));
        for (Index index : entity.indexes()) {
            reserved.add(index.partitionKeyAttribute());
            reserved.add(index.sortKeyAttribute());
        }
        for (RecordComponent component : entity.recordType().getRecordComponents()) {
            if (reserved.contains(component.getName())) {
                throw new IllegalArgumentException(entity.recordType().getSimpleName() + " has a component named '"
                        + component.getName() + "', which dynacrud uses for keys; rename it");
            }
        }
    }
}
