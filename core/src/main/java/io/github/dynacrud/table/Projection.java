package io.github.dynacrud.table;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.AttributeTypes;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The attributes a read asks for ({@code ProjectionExpression}), checked against the entity's record when built. A
 * projected read returns {@link PartialItem}s, never records with gaps.
 *
 * <pre>{@code
 * Projection<Todo> titles = Projection.of(Todo.ENTITY, "id", "title");
 * Page<PartialItem<Todo>> page = todos.query(scope, Query.table().build(), titles);
 * }</pre>
 *
 * @param <T> the record type
 */
public final class Projection<T extends Record> {
    private final Entity<T> entity;
    private final Set<String> attributes;

    private Projection(Entity<T> entity, Set<String> attributes) {
        this.entity = entity;
        this.attributes = Collections.unmodifiableSet(attributes);
    }

    /**
     * Names the attributes to read.
     *
     * @param entity     the entity
     * @param attributes one or more of its record's components
     * @param <T>        the record type
     * @return the projection
     * @throws IllegalArgumentException when no attribute is given, or one is not a component of the record
     */
    public static <T extends Record> Projection<T> of(Entity<T> entity, String... attributes) {
        Objects.requireNonNull(entity, "entity");
        if (attributes.length == 0) {
            throw new IllegalArgumentException("a projection of " + entity.type() + " needs at least one attribute");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String attribute : attributes) {
            AttributeTypes.component(entity.recordType(), attribute);
            names.add(attribute);
        }
        return new Projection<>(entity, names);
    }

    /** @return the entity this projection reads */
    public Entity<T> entity() {
        return entity;
    }

    /** @return the attributes read, in the order given */
    public Set<String> attributes() {
        return attributes;
    }
}
