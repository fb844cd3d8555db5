package io.github.dynacrud.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.ParentAndChildren;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.WithChildren;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The children a resource's read may include, such as {@code GET /notebooks/{id}?include=notes}: the item and the
 * first page of its children in one Query, answered as the item's JSON plus {@code "notes": {"items": [...],
 * "nextCursor": ...}}, whose cursor continues on the children's list route.
 *
 * @param <T> the parent's record type
 */
final class Includes<T extends Record> {
    /** One includable child type. */
    private record Include<T extends Record, C extends Record>(String name, ParentAndChildren<T, C> reader,
            Representation<C> representation) {
        Optional<Object> read(Scope scope, Map<String, Object> key, int limit, Representation<T> parent) {
            return reader.read(scope, key, limit).map(found -> body(found, parent));
        }

        private Object body(WithChildren<T, C> found, Representation<T> parent) {
            Map<String, Object> children = new LinkedHashMap<>(4);
            children.put("items", found.children().items().stream().map(representation::write).toList());
            children.put("nextCursor", found.children().nextCursor().orElse(null));
            Object item = parent.write(found.parent());
            if (item instanceof ObjectNode node) {
                node.putPOJO(name, children);
                return node;
            }
            Map<String, Object> body = ((Representation.Shown<?>) item).asMap();
            body.put(name, children);
            return body;
        }
    }

    private final Map<String, Include<T, ?>> includes = new LinkedHashMap<>();
    private final Entity<T> entity;

    /**
     * Checks the includes a resource is given.
     *
     * @param repository the parent's repository
     * @param options    the resource's options, with their includes
     * @param reads      whether the resource mounts its read route, which includes are for
     * @throws IllegalArgumentException naming the include and the entity when it cannot be served by one Query
     */
    Includes(EntityRepository<T> repository, ResourceOptions options, boolean reads) {
        this.entity = repository.entity();
        options.includes().forEach((name, children) -> {
            String named = "include '" + name + "' of " + entity.type();
            if (!reads) {
                throw new IllegalArgumentException(named + " is served by the read route, which is not mounted");
            }
            if (java.util.Arrays.stream(entity.recordType().getRecordComponents())
                    .anyMatch(c -> c.getName().equals(name))) {
                throw new IllegalArgumentException(named + " has the name of one of its attributes");
            }
            if (children.table() != repository.table()) {
                throw new IllegalArgumentException(named + " names " + children.entity().type()
                        + " of another table, which one Query cannot read with it");
            }
            includes.put(name, include(name, repository, children, named));
        });
    }

    private static <T extends Record, C extends Record> Include<T, C> include(String name,
            EntityRepository<T> repository, EntityRepository<C> children, String named) {
        try {
            return new Include<>(name, repository.table().collection(repository.entity(), children.entity())
                    .parentAndChildren(repository.entity(), children.entity()),
                    new Representation<>(children.entity()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(named + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the item with the children the request includes.
     *
     * @param request the read request
     * @param scope   the caller's scope
     * @param key     the item's key
     * @param limit   the most children
     * @param parent  the parent's representation
     * @return the item's JSON with its children's page
     * @throws BadRequestException when it includes an unknown name, or several
     * @throws ItemNotFoundException when the item does not exist for the caller
     */
    HttpResponse read(HttpRequest request, Scope scope, Map<String, Object> key, int limit,
            Representation<T> parent) {
        List<String> asked = request.query().get("include");
        Include<T, ?> include = asked.size() == 1 ? includes.get(asked.get(0)) : null;
        if (include == null) {
            throw new BadRequestException("include", includes.isEmpty() ? "is not known on this resource"
                    : "must be one of " + includes.keySet());
        }
        return HttpResponse.json(200, include.read(scope, key, limit, parent)
                .orElseThrow(() -> new ItemNotFoundException(entity.type())));
    }
}
