package io.github.dynacrud.http;

import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.Index;
import io.github.dynacrud.entity.KeyParts;
import io.github.dynacrud.entity.KeyTemplate;
import io.github.dynacrud.http.internal.PathTemplate;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key attributes a resource's path fills, such as {@code notebookId} in {@code /notebooks/{notebookId}/notes}:
 * each path parameter names a String attribute of the entity's primary key, filled from the path as the owner is
 * from the principal. Checked when the resource is mounted; a value that could never be a key part names no item.
 */
final class PathKeys {
    private final Entity<?> entity;
    private final List<String> attributes;

    private PathKeys(Entity<?> entity, List<String> attributes) {
        this.entity = entity;
        this.attributes = attributes;
    }

    /**
     * Reads and checks the parameters of a resource's path.
     *
     * @param path   the resource's path as mounted, group prefix included, such as {@code /notebooks/{notebookId}/notes}
     * @param entity the entity the resource serves
     * @return the path's key attributes
     * @throws IllegalArgumentException naming the parameter and the entity when a parameter names no String key
     *                                  attribute, or when a key attribute is given neither by the path, the
     *                                  principal nor the id
     */
    static PathKeys of(String path, Entity<?> entity) {
        String type = entity.type();
        if (entity.idAttribute().isEmpty()) {
            throw new IllegalArgumentException(type + " needs an id attribute to be mounted as a resource");
        }
        String id = entity.idAttribute().get();
        List<String> parameters;
        try {
            parameters = PathTemplate.parse(path).parameters();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resource " + type + ": " + e.getMessage(), e);
        }
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : entity.recordType().getRecordComponents()) {
            components.put(component.getName(), component);
        }
        String owner = entity.ownerAttribute().orElse(null);
        for (String parameter : parameters) {
            String named = "path parameter '{" + parameter + "}' of '" + path + "'";
            if (parameter.equals(id)) {
                throw new IllegalArgumentException(named + " is the id attribute of " + type + ", which the item routes"
                        + " add as '/{" + id + "}'; name the parent's parameter after another attribute of " + type);
            }
            if (parameter.equals(owner)) {
                throw new IllegalArgumentException(named + " names the owner of " + type
                        + ", which comes from the principal, never from a path");
            }
            RecordComponent component = components.get(parameter);
            if (component == null) {
                throw new IllegalArgumentException(named + " names no attribute of " + type + "; it has "
                        + components.keySet());
            }
            if (!entity.keyAttributes().contains(parameter)) {
                throw new IllegalArgumentException(named + " names '" + parameter + "', which is not in the key of "
                        + type + " ('" + entity.partitionKey() + "', '" + entity.sortKey() + "'), so it could not"
                        + " tell one parent's items from another's");
            }
            if (component.getType() != String.class) {
                throw new IllegalArgumentException(named + " names '" + parameter + "' of " + type + ", of type "
                        + component.getType().getSimpleName() + "; a path fills String attributes only");
            }
        }
        Set<String> unfilled = new LinkedHashSet<>(entity.keyAttributes());
        unfilled.remove(id);
        unfilled.remove(owner);
        unfilled.removeAll(parameters);
        if (!unfilled.isEmpty()) {
            String attribute = unfilled.iterator().next();
            throw new IllegalArgumentException("key attribute '" + attribute + "' of " + type + " is given neither by"
                    + " the path '" + path + "', the principal nor the id; mount it under a path with '{" + attribute
                    + "}', such as '/parents/{" + attribute + "}/" + type.toLowerCase(java.util.Locale.ROOT) + "s'");
        }
        return new PathKeys(entity, List.copyOf(parameters));
    }

    /**
     * Refuses an index that a list may query when it does not hold every path attribute: such a query could not be
     * bounded to the path's parent.
     *
     * @param index an index a list filter or the list query may use
     */
    void checkHeldBy(Index index) {
        checkHeldBy("index " + index.name(), index.partitionKey(), index.sortKey());
    }

    /** Refuses the table's keys when a list querying them could not be bounded to the path. */
    void checkHeldByTable() {
        checkHeldBy("the table", entity.partitionKey(), entity.sortKey());
    }

    /**
     * Each path attribute must be in the partition key or in the leading run of sort key placeholders, since a query
     * is bounded by a sort key prefix.
     */
    private void checkHeldBy(String keys, KeyTemplate partition, KeyTemplate sort) {
        Set<String> held = new LinkedHashSet<>(partition.attributes());
        held.addAll(sort.attributes());
        String described = keys + " ('" + partition + "', '" + sort + "')";
        for (String attribute : attributes) {
            if (!held.contains(attribute)) {
                throw new IllegalArgumentException("path parameter '{" + attribute + "}' of " + entity.type()
                        + " is not held by " + described + ", so a list querying it could not be bounded to the path");
            }
        }
        List<String> sortBound = new ArrayList<>();
        for (String attribute : attributes) {
            if (!partition.attributes().contains(attribute)) {
                sortBound.add(attribute);
            }
        }
        List<String> leading = sort.attributes().subList(0, sortBound.size());
        for (String attribute : sortBound) {
            if (!leading.contains(attribute)) {
                throw new IllegalArgumentException("path parameter '{" + attribute + "}' of " + entity.type()
                        + " is neither in the partition key nor among the leading placeholders of the sort key of "
                        + described + ", so a list querying it could not be bounded to the path; put it before "
                        + "the other placeholders of the sort key");
            }
        }
    }

    /** @return the attributes the path fills, in path order */
    List<String> attributes() {
        return attributes;
    }

    /**
     * Reads the path's key values from a request.
     *
     * @param request the routed request
     * @return each path attribute's value
     * @throws ItemNotFoundException when a value could never be a key part: no item of the entity has it
     */
    Map<String, Object> values(HttpRequest request) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : attributes) {
            values.put(attribute, keyPart(attribute, request.pathParameter(attribute)));
        }
        return values;
    }

    /**
     * Checks one value of the path as a key part.
     *
     * @param attribute the attribute
     * @param value     the decoded path segment
     * @return the value
     * @throws ItemNotFoundException when it could never be a key part (empty, too long, or with {@code #})
     */
    String keyPart(String attribute, String value) {
        try {
            return KeyParts.check(attribute, value);
        } catch (ValidationException e) {
            throw new ItemNotFoundException(entity.type());
        }
    }
}
