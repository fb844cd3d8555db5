package io.github.dynacrud.http;

import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.table.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The JSON of one entity as its {@linkplain Router.Builder#resource resource} reads and answers it, for custom routes
 * that answer exactly as the resource does: hidden attributes are never shown nor read, read-only ones (id, owner,
 * version, timestamps) are ignored in a body, any other unknown field is a 400, and an item's answer carries its
 * version as a strong {@code ETag}. Build one per entity, at start-up.
 *
 * <pre>{@code
 * EntityJson<Todo> json = EntityJson.of(Todo.ENTITY);
 * router.post("/inbox", request -> json.created(request,
 *         json.withJsonNames(() -> todos.create(scope(request), json.read(request)))));
 * }</pre>
 *
 * @param <T> the record type
 */
public final class EntityJson<T extends Record> {
    private final Entity<T> entity;
    private final Representation<T> representation;

    private EntityJson(Entity<T> entity, Set<String> readOnly) {
        this.entity = entity;
        this.representation = new Representation<>(entity, readOnly);
    }

    /**
     * Describes the JSON of an entity.
     *
     * @param entity the entity
     * @param <T>    the record type
     * @return its JSON
     */
    public static <T extends Record> EntityJson<T> of(Entity<T> entity) {
        return new EntityJson<>(Objects.requireNonNull(entity, "entity"), Set.of());
    }

    /** The JSON of a resource whose path fills some attributes: bodies may carry them, and they are ignored. */
    static <T extends Record> EntityJson<T> of(Entity<T> entity, Set<String> fromPath) {
        return new EntityJson<>(entity, fromPath);
    }

    Representation<T> representation() {
        return representation;
    }

    /** @return the entity this JSON describes */
    public Entity<T> entity() {
        return entity;
    }

    /**
     * Reads a new item from a request body, as {@code POST} on the resource does: read-only fields are ignored, except
     * a client-chosen id when the entity does not generate ids.
     *
     * @param request a request with a JSON body
     * @return the item, with absent fields {@code null} or zero
     * @throws BadRequestException naming the field when the body has an unknown field or a wrong type
     * @throws io.github.dynacrud.UnsupportedMediaTypeException when the body is not JSON
     */
    public T read(HttpRequest request) {
        return representation.read(Json.readTree(request), true);
    }

    /**
     * Reads a full replacement, as {@code PUT} on the resource does: the new value of every attribute a client may
     * write, {@code null} for the absent ones, ready for {@link io.github.dynacrud.table.EntityRepository#patch}.
     *
     * @param request a request with a JSON body
     * @return new values by attribute name
     * @throws BadRequestException naming the field when the body has an unknown field or a wrong type
     */
    public Map<String, Object> readReplacement(HttpRequest request) {
        T input = representation.read(Json.readTree(request), false);
        Map<String, Object> changes = new HashMap<>();
        representation.replaceable().forEach(name -> changes.put(name, representation.model().value(input, name)));
        return changes;
    }

    /**
     * Reads a JSON merge patch (RFC 7396), as {@code PATCH} on the resource does: each field's new value, {@code null}
     * to remove it; read-only fields are ignored.
     *
     * @param request a request with a JSON body
     * @return new values by attribute name
     * @throws BadRequestException naming the field when the body has an unknown field or a wrong type
     */
    public Map<String, Object> readChanges(HttpRequest request) {
        return representation.readChanges(Json.readTree(request));
    }

    /**
     * Runs a write and names its validation failures by the fields' JSON names, as the client sent them.
     *
     * @param write a write that may fail validation
     * @param <R>   what it returns
     * @return what it returns
     * @throws ValidationException with JSON field names, when the write fails validation
     */
    public <R> R withJsonNames(Supplier<R> write) {
        return representation.withJsonNames(write);
    }

    /**
     * Returns the JSON body of an item: the record without its hidden attributes, for {@link Json#write} or
     * {@link HttpResponse#json}.
     *
     * @param item the item
     * @return the value to serialize
     */
    public Object body(T item) {
        // A map or a tree, which any ObjectMapper writes: the resource's own answers skip the map (see response).
        Object body = representation.write(item);
        return body instanceof Representation.Shown<?> shown ? shown.asMap() : body;
    }

    /**
     * Returns an item's entity tag: its version, quoted.
     *
     * @param item the item
     * @return such as {@code "3"}, or empty when the entity has no version attribute
     */
    public Optional<String> etag(T item) {
        return entity.versionAttribute().map(v -> representation.model().value(item, v))
                .map(version -> "\"" + version + "\"");
    }

    /**
     * Answers an item with its {@code ETag}.
     *
     * @param status the HTTP status, such as 200
     * @param item   the item
     * @return the response
     */
    public HttpResponse response(int status, T item) {
        HttpResponse response = HttpResponse.json(status, representation.write(item));
        return etag(item).map(tag -> response.withHeader("ETag", tag)).orElse(response);
    }

    /**
     * Answers a created item as {@code POST} on the resource does: 201, its {@code ETag}, and a {@code Location} made
     * of the request's path (with its base path) and the item's id.
     *
     * @param request the request that created the item
     * @param item    the item as stored
     * @return the response
     * @throws IllegalStateException when the entity declares no id attribute
     */
    public HttpResponse created(HttpRequest request, T item) {
        String id = entity.idAttribute().orElseThrow(() -> new IllegalStateException(
                entity.type() + " declares no id attribute, so a created item has no Location"));
        String itemId = URLEncoder.encode(String.valueOf(representation.model().value(item, id)),
                StandardCharsets.UTF_8).replace("+", "%20");
        String base = request.path().endsWith("/") ? request.path().substring(0, request.path().length() - 1)
                : request.path();
        return response(201, item).withHeader("Location", request.link(base + "/" + itemId));
    }

    /**
     * Answers a page of items as the resource's list does: 200 with {@code {"items": [...], "nextCursor": ...}},
     * {@code null} on the last page.
     *
     * @param page the page
     * @return the response
     */
    public HttpResponse page(Page<T> page) {
        Map<String, Object> body = new LinkedHashMap<>(4);
        body.put("items", page.items().stream().map(representation::write).toList());
        body.put("nextCursor", page.nextCursor().orElse(null));
        return HttpResponse.json(200, body);
    }
}
