package io.github.dynacrud.entity;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How one entity type lives in a single table: its record type, key templates, indexes and the attributes dynacrud
 * manages for it. Built once at start-up; every template is checked against the record when it is built.
 *
 * <pre>{@code
 * record Todo(String ownerId, String id, String title, boolean done, Long version,
 *             Instant createdAt, Instant updatedAt) {}
 *
 * static final Entity<Todo> TODO = Entity.of(Todo.class)
 *         .type("Todo")
 *         .partitionKey("USER#{ownerId}")
 *         .sortKey("TODO#{id}")
 *         .index("GSI1", "USER#{ownerId}", "DONE#{done}#{id}")
 *         .generatedId("id")
 *         .owner("ownerId")
 *         .version("version")
 *         .timestamps("createdAt", "updatedAt")
 *         .build();
 * }</pre>
 *
 * @param <T> the record type
 */
public final class Entity<T extends Record> {
    /** The table attribute holding the partition key. */
    public static final String PARTITION_KEY = "PK";
    /** The table attribute holding the sort key. */
    public static final String SORT_KEY = "SK";
    /** The table attribute naming each item's entity type. */
    public static final String TYPE_ATTRIBUTE = "_type";
    /** The first segment of the keys of unique-value guards, which no key template may start with. */
    public static final String GUARD_PREFIX = "UNIQUE";
    /** The first segment of the keys of idempotency records, which no key template may start with. */
    public static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY";

    private final Class<T> recordType;
    private final String type;
    private final KeyTemplate partitionKey;
    private final KeyTemplate sortKey;
    private final List<Index> indexes;
    private final String idAttribute;
    private final boolean generatedId;
    private final String ownerAttribute;
    private final String versionAttribute;
    private final String createdAtAttribute;
    private final String updatedAtAttribute;
    private final String ttlAttribute;
    private final List<String> uniqueAttributes;
    private final Map<String, UnaryOperator<String>> uniqueNormalizations;
    private final Set<String> hiddenAttributes;
    private final Set<String> keyAttributes;

    private Entity(Builder<T> b) {
        this.recordType = b.recordType;
        this.type = b.type;
        this.partitionKey = b.partitionKey;
        this.sortKey = b.sortKey;
        this.indexes = List.copyOf(b.indexes.values());
        this.idAttribute = b.idAttribute;
        this.generatedId = b.generatedId;
        this.ownerAttribute = b.ownerAttribute;
        this.versionAttribute = b.versionAttribute;
        this.createdAtAttribute = b.createdAtAttribute;
        this.updatedAtAttribute = b.updatedAtAttribute;
        this.ttlAttribute = b.ttlAttribute;
        this.uniqueAttributes = List.copyOf(b.uniqueAttributes);
        this.uniqueNormalizations = Map.copyOf(b.uniqueNormalizations);
        Set<String> hidden = new LinkedHashSet<>(b.hiddenAttributes);
        if (ownerAttribute != null && !b.ownerVisible) {
            hidden.add(ownerAttribute);
        }
        this.hiddenAttributes = Set.copyOf(hidden);
        Set<String> key = new LinkedHashSet<>(partitionKey.attributes());
        key.addAll(sortKey.attributes());
        this.keyAttributes = Collections.unmodifiableSet(key);
    }

    /**
     * Starts describing an entity type.
     *
     * @param recordType the record class whose instances are stored
     * @param <T>        the record type
     * @return a builder
     */
    public static <T extends Record> Builder<T> of(Class<T> recordType) {
        return new Builder<>(recordType);
    }

    /** @return the record class */
    public Class<T> recordType() {
        return recordType;
    }

    /** @return the entity type name stored with each item, such as {@code "Todo"} */
    public String type() {
        return type;
    }

    /** @return the template of {@code PK} */
    public KeyTemplate partitionKey() {
        return partitionKey;
    }

    /** @return the template of {@code SK} */
    public KeyTemplate sortKey() {
        return sortKey;
    }

    /** @return the indexes, in declaration order */
    public List<Index> indexes() {
        return indexes;
    }

    /**
     * Finds an index by name.
     *
     * @param name such as {@code "GSI1"}
     * @return the index
     * @throws IllegalArgumentException when this entity has no such index
     */
    public Index index(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(type + " has no index '" + name + "'; it has " + indexes.stream()
                        .map(Index::name).toList()));
    }

    /** @return the attribute identifying an item within its partition, when declared */
    public Optional<String> idAttribute() {
        return Optional.ofNullable(idAttribute);
    }

    /** @return whether dynacrud generates the id on create when it is absent */
    public boolean generatesId() {
        return generatedId;
    }

    /** @return the attribute filled from the caller's scope, when the entity is owner-scoped */
    public Optional<String> ownerAttribute() {
        return Optional.ofNullable(ownerAttribute);
    }

    /** @return the attribute holding the version, incremented on every write */
    public Optional<String> versionAttribute() {
        return Optional.ofNullable(versionAttribute);
    }

    /** @return the attribute set once, on create */
    public Optional<String> createdAtAttribute() {
        return Optional.ofNullable(createdAtAttribute);
    }

    /** @return the attribute set on every write */
    public Optional<String> updatedAtAttribute() {
        return Optional.ofNullable(updatedAtAttribute);
    }

    /** @return the attribute stored as epoch seconds for DynamoDB's time to live */
    public Optional<String> ttlAttribute() {
        return Optional.ofNullable(ttlAttribute);
    }

    /** @return the attributes whose values no two items of this type may share */
    public List<String> uniqueAttributes() {
        return uniqueAttributes;
    }

    /**
     * Returns how a unique attribute's values are compared: two values whose normalized key texts are equal collide.
     *
     * @param attribute a unique attribute
     * @return the normalization declared with {@link Builder#unique(String, UnaryOperator)}, or the identity
     * @throws IllegalArgumentException when the attribute is not unique
     */
    public UnaryOperator<String> uniqueNormalization(String attribute) {
        if (!uniqueAttributes.contains(attribute)) {
            throw new IllegalArgumentException("'" + attribute + "' is not a unique attribute of " + type
                    + "; it has " + uniqueAttributes);
        }
        return uniqueNormalizations.getOrDefault(attribute, UnaryOperator.identity());
    }

    /** @return the attributes never shown in API responses; the owner is among them unless made visible */
    public Set<String> hiddenAttributes() {
        return hiddenAttributes;
    }

    /** @return the attributes the primary key is built from (owner included), in template order */
    public Set<String> keyAttributes() {
        return keyAttributes;
    }

    /** @return the attributes dynacrud sets itself: owner, generated id, version and timestamps */
    public Set<String> managedAttributes() {
        Set<String> attributes = new LinkedHashSet<>();
        Arrays.asList(ownerAttribute, generatedId ? idAttribute : null, versionAttribute, createdAtAttribute,
                updatedAtAttribute).forEach(a -> {
                    if (a != null) {
                        attributes.add(a);
                    }
                });
        return attributes;
    }

    @Override
    public String toString() {
        return "Entity[" + type + " " + partitionKey + " " + sortKey + "]";
    }

    /**
     * Describes an entity type; {@link #build()} checks the description against the record.
     *
     * @param <T> the record type
     */
    public static final class Builder<T extends Record> {
        private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

        private final Class<T> recordType;
        private final Map<String, RecordComponent> components;
        private String type;
        private KeyTemplate partitionKey;
        private KeyTemplate sortKey;
        private final Map<String, Index> indexes = new LinkedHashMap<>();
        private String idAttribute;
        private boolean generatedId;
        private String ownerAttribute;
        private boolean ownerVisible;
        private String versionAttribute;
        private String createdAtAttribute;
        private String updatedAtAttribute;
        private String ttlAttribute;
        private final Set<String> uniqueAttributes = new LinkedHashSet<>();
        private final Map<String, UnaryOperator<String>> uniqueNormalizations = new LinkedHashMap<>();
        private final Set<String> hiddenAttributes = new LinkedHashSet<>();

        private Builder(Class<T> recordType) {
            this.recordType = Objects.requireNonNull(recordType, "recordType");
            if (!recordType.isRecord()) {
                throw new IllegalArgumentException(recordType.getName() + " is not a record");
            }
            this.components = Arrays.stream(recordType.getRecordComponents())
                    .collect(Collectors.toMap(RecordComponent::getName, Function.identity(), (a, b) -> a,
                            LinkedHashMap::new));
            this.type = recordType.getSimpleName();
        }

        /**
         * Names the entity type stored with each item; defaults to the record's simple name.
         *
         * @param type letters, digits and {@code _}, starting with a letter
         * @return this builder
         */
        public Builder<T> type(String type) {
            if (type == null || !NAME.matcher(type).matches()) {
                throw new IllegalArgumentException("entity type '" + type
                        + "' must be letters, digits or '_', starting with a letter");
            }
            this.type = type;
            return this;
        }

        /**
         * Sets the template of the partition key {@code PK}.
         *
         * @param template such as {@code "USER#{ownerId}"}
         * @return this builder
         */
        public Builder<T> partitionKey(String template) {
            this.partitionKey = KeyTemplate.parse(template);
            return this;
        }

        /**
         * Sets the template of the sort key {@code SK}; it starts with a literal, such as {@code "TODO#{id}"}, so
         * that the items of this type in a partition can be listed.
         *
         * @param template such as {@code "TODO#{id}"}
         * @return this builder
         */
        public Builder<T> sortKey(String template) {
            this.sortKey = KeyTemplate.parse(template);
            return this;
        }

        /**
         * Adds a global secondary index, written as {@code <name>PK} and {@code <name>SK}. An item belongs to the
         * index only when every attribute its templates name has a value (a sparse index).
         *
         * @param name         such as {@code "GSI1"}
         * @param partitionKey the template of {@code <name>PK}
         * @param sortKey      the template of {@code <name>SK}
         * @return this builder
         */
        public Builder<T> index(String name, String partitionKey, String sortKey) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("index name '" + name
                        + "' must be letters, digits or '_', starting with a letter");
            }
            if (indexes.containsKey(name)) {
                throw new IllegalArgumentException("index '" + name + "' is declared twice");
            }
            indexes.put(name, new Index(name, KeyTemplate.parse(partitionKey), KeyTemplate.parse(sortKey)));
            return this;
        }

        /**
         * Names the String attribute that identifies an item in its partition; it must appear in the primary key.
         *
         * @param attribute such as {@code "id"}
         * @return this builder
         */
        public Builder<T> id(String attribute) {
            this.idAttribute = component(attribute, "id", String.class).getName();
            this.generatedId = false;
            return this;
        }

        /**
         * Like {@link #id(String)}, and create fills the id with a new time-ordered ULID when it is absent.
         *
         * @param attribute such as {@code "id"}
         * @return this builder
         */
        public Builder<T> generatedId(String attribute) {
            id(attribute);
            this.generatedId = true;
            return this;
        }

        /**
         * Makes the entity owner-scoped: the String attribute is always filled from the caller's scope, never from
         * input, must appear in the partition key, and is hidden from API responses.
         *
         * @param attribute such as {@code "ownerId"}
         * @return this builder
         */
        public Builder<T> owner(String attribute) {
            this.ownerAttribute = component(attribute, "owner", String.class).getName();
            return this;
        }

        /**
         * Shows the owner attribute in API responses, which hide it by default.
         *
         * @return this builder
         */
        public Builder<T> ownerVisible() {
            this.ownerVisible = true;
            return this;
        }

        /**
         * Names the int or long attribute holding the version: 1 on create, incremented by every write, checked
         * against the caller's expected version.
         *
         * @param attribute such as {@code "version"}
         * @return this builder
         */
        public Builder<T> version(String attribute) {
            this.versionAttribute = component(attribute, "version", Integer.class, int.class, Long.class,
                    long.class).getName();
            return this;
        }

        /**
         * Names the {@link Instant} attributes set on create and on every write.
         *
         * @param createdAt set once, on create
         * @param updatedAt set on every write
         * @return this builder
         */
        public Builder<T> timestamps(String createdAt, String updatedAt) {
            this.createdAtAttribute = component(createdAt, "createdAt timestamp", Instant.class).getName();
            this.updatedAtAttribute = component(updatedAt, "updatedAt timestamp", Instant.class).getName();
            if (createdAt.equals(updatedAt)) {
                throw new IllegalArgumentException("timestamps need two attributes; both are '" + createdAt + "'");
            }
            return this;
        }

        /**
         * Names the {@link Instant} or epoch-seconds long attribute after which DynamoDB may delete the item.
         *
         * @param attribute such as {@code "expiresAt"}
         * @return this builder
         */
        public Builder<T> ttl(String attribute) {
            this.ttlAttribute = component(attribute, "ttl", Instant.class, Long.class, long.class).getName();
            return this;
        }

        /**
         * Declares attributes whose values no two items of this type may share, such as an email address.
         * Guard items enforce it in the same transaction as each write.
         *
         * @param attributes such as {@code "email"}
         * @return this builder
         */
        public Builder<T> unique(String... attributes) {
            for (String attribute : attributes) {
                RecordComponent c = component(attribute, "unique");
                if (!KeyParts.isKeyType(c.getType())) {
                    throw new IllegalArgumentException("unique attribute '" + attribute + "' of "
                            + recordType.getSimpleName() + " has type " + c.getType().getSimpleName()
                            + "; use a String, number, boolean, date or enum");
                }
                uniqueAttributes.add(attribute);
            }
            return this;
        }

        /**
         * Declares a unique String attribute whose values are compared after a normalization, such as emails compared
         * without case: values with the same normalized form collide. Only the guard is keyed by the normalized form;
         * the item keeps the value as given.
         *
         * <pre>{@code
         * Entity.of(User.class)...unique("email", email -> email.toLowerCase(Locale.ROOT))
         * }</pre>
         *
         * @param attribute     such as {@code "email"}
         * @param normalization maps a value to the form it is compared in; it must not add {@code #}
         * @return this builder
         */
        public Builder<T> unique(String attribute, UnaryOperator<String> normalization) {
            Objects.requireNonNull(normalization, "normalization of unique attribute '" + attribute + "'");
            RecordComponent c = component(attribute, "unique");
            if (c.getType() != String.class) {
                throw new IllegalArgumentException("unique attribute '" + attribute + "' of "
                        + recordType.getSimpleName() + " has type " + c.getType().getSimpleName()
                        + "; a normalization applies to String attributes");
            }
            unique(attribute);
            uniqueNormalizations.put(attribute, normalization);
            return this;
        }

        /**
         * Declares attributes that are stored but never shown in API responses.
         *
         * @param attributes such as {@code "passwordHash"}
         * @return this builder
         */
        public Builder<T> hidden(String... attributes) {
            for (String attribute : attributes) {
                hiddenAttributes.add(component(attribute, "hidden").getName());
            }
            return this;
        }

        /**
         * Checks the description against the record and builds it.
         *
         * @return the entity
         * @throws IllegalArgumentException naming the offending template or attribute
         */
        public Entity<T> build() {
            if (partitionKey == null) {
                throw new IllegalArgumentException(type + " needs a partitionKey template, such as 'USER#{ownerId}'");
            }
            if (sortKey == null) {
                throw new IllegalArgumentException(type + " needs a sortKey template, such as '"
                        + type.toUpperCase(Locale.ROOT) + "#{id}'");
            }
            Entity<T> entity = new Entity<>(this);
            EntityRules.check(entity);
            return entity;
        }

        private RecordComponent component(String attribute, String role, Class<?>... allowed) {
            RecordComponent c = attribute == null ? null : components.get(attribute);
            if (c == null) {
                throw new IllegalArgumentException(role + " attribute '" + attribute + "' is not a component of "
                        + recordType.getSimpleName() + "; it has " + components.keySet());
            }
            if (allowed.length > 0 && !Arrays.asList(allowed).contains(c.getType())) {
                throw new IllegalArgumentException(role + " attribute '" + attribute + "' of "
                        + recordType.getSimpleName() + " has type " + c.getType().getSimpleName() + "; use "
                        + Arrays.stream(allowed).map(Class::getSimpleName).distinct()
                                .collect(Collectors.joining(" or ")));
            }
            return c;
        }
    }
}
