package io.github.dynacrud.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.RecordModel;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON form of an entity in an API: the record's components minus hidden ones. Request bodies may carry the
 * read-only ones (id, owner-derived and managed attributes), which are ignored; any other unknown field is refused.
 *
 * <p>Attributes are told apart by record component, whatever JSON name Jackson gives them ({@code @JsonProperty},
 * {@code @JsonNaming}): a hidden component or the owner is never written nor read under any name, and a renamed
 * component is read under its JSON name only, as Jackson would.
 *
 * @param <T> the record type
 */
final class Representation<T extends Record> {
    private static final Pattern LEADING_NAME = Pattern.compile("[^.\\[]+");

    private final Entity<T> entity;
    private final RecordModel<T> model;
    private final Set<String> visible = new LinkedHashSet<>();
    private final Set<String> readOnly = new LinkedHashSet<>();
    private final Map<String, JavaType> types = new HashMap<>();
    private final JsonNames names;
    private final int[] visiblePositions;
    private final boolean direct;

    /**
     * Describes an entity's representation.
     *
     * @param entity the entity
     */
    Representation(Entity<T> entity) {
        this(entity, Set.of());
    }

    /**
     * Describes the representation of an entity some of whose attributes come from elsewhere, such as the request's
     * path: bodies may carry them, and they are ignored like the id.
     *
     * @param entity   the entity
     * @param readOnly attributes a body never sets, besides the id and the managed ones
     */
    Representation(Entity<T> entity, Set<String> readOnly) {
        this.entity = entity;
        this.model = RecordModel.of(entity.recordType());
        for (RecordModel.Component component : model.components()) {
            if (!entity.hiddenAttributes().contains(component.name())) {
                visible.add(component.name());
            }
            types.put(component.name(), Json.type(component.genericType()));
        }
        visiblePositions = visible.stream().mapToInt(model::position).toArray();
        names = JsonNames.of(Json.shared(), entity.recordType(), types.keySet());
        // dynacrud's mapper takes no mix-ins (Json.mapper() hands out copies), so the record's own annotations decide.
        direct = PlainRecords.serializeAlikeDirectly(entity.recordType());
        this.readOnly.addAll(entity.managedAttributes());
        entity.idAttribute().ifPresent(this.readOnly::add);
        this.readOnly.addAll(readOnly);
    }

    /** @return the record model */
    RecordModel<T> model() {
        return model;
    }

    /**
     * Shows an item as the API does, for {@link Json#write}: the JSON of the record without its hidden attributes.
     *
     * @param item the item
     * @return its visible components ({@link Shown}), or the same as a JSON tree for records that need one (see
     *         {@link #writesComponentsDirectly()})
     */
    Object write(T item) {
        if (!direct) {
            ObjectNode node = (ObjectNode) Json.tree(item);
            entity.hiddenAttributes().stream().map(names.written()::get).forEach(node::remove);
            return node;
        }
        return new Shown<>(this, item);
    }

    /**
     * An item as its visible components, which {@link Json} writes field by field as it would write a map of them, to
     * the same bytes, without a map per item.
     *
     * @param representation the item's representation
     * @param item           the item
     * @param <T>            the record type
     */
    record Shown<T extends Record>(Representation<T> representation, T item) {
        /** @return the visible components by name, in order, for a body that adds fields of its own */
        Map<String, Object> asMap() {
            Map<String, Object> shown = new LinkedHashMap<>(representation.visiblePositions.length * 2);
            for (int position : representation.visiblePositions) {
                shown.put(representation.model.components().get(position).name(),
                        representation.model.value(item, position));
            }
            return shown;
        }

        /** Writes the components as a JSON object, each value as the mapper writes it in a map. */
        void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeStartObject();
            for (int position : representation.visiblePositions) {
                provider.defaultSerializeField(representation.model.components().get(position).name(),
                        representation.model.value(item, position), generator);
            }
            generator.writeEndObject();
        }
    }

    /**
     * Tells whether {@link #write} hands Jackson the components themselves, serialized in one pass, rather than a tree
     * that is built, read back and written again. It does when that JSON is the tree's to the byte: components of
     * plain types only, and nothing Jackson would treat differently (its annotations, extra getters).
     *
     * @return {@code true} for records such as a todo; {@code false} for decimals (a tree strips their trailing zeros),
     *         nested records, and records with Jackson annotations or getters
     */
    boolean writesComponentsDirectly() {
        return direct;
    }

    /**
     * Reads a whole new item from a request body; read-only fields are ignored, except a client-chosen id when the
     * entity does not generate ids.
     *
     * @param body    the request body
     * @param acceptId whether the body may set the id
     * @return the record, with absent fields {@code null} or zero
     * @throws BadRequestException naming the field when the body has an unknown field or a wrong type
     */
    T read(JsonNode body, boolean acceptId) {
        ObjectNode writable = JsonNodeFactory.instance.objectNode();
        Map<String, String> fields = writableFields(body, acceptId);
        fields.keySet().forEach(field -> writable.set(field, body.get(field)));
        // An absent primitive takes its zero value; only an explicit null is a wrong type.
        for (RecordModel.Component component : model.components()) {
            String field = names.written().get(component.name());
            if (component.rawType().isPrimitive() && field != null && !fields.containsValue(component.name())) {
                writable.set(field, component.rawType() == boolean.class ? BooleanNode.FALSE : IntNode.valueOf(0));
            }
        }
        return Json.convert(writable, Json.type(entity.recordType()), "");
    }

    /**
     * Reads a JSON merge patch (RFC 7396): each field's new value, {@code null} to remove it. Read-only fields are
     * ignored; a nested object replaces the stored one whole.
     *
     * @param body the request body
     * @return new values by attribute (record component) name
     * @throws BadRequestException naming the field when the body has an unknown field or a wrong type
     */
    Map<String, Object> readChanges(JsonNode body) {
        Map<String, Object> changes = new HashMap<>();
        writableFields(body, false).forEach((field, name) -> {
            JsonNode value = body.get(field);
            changes.put(name, value.isNull() ? null : Json.convert(value, types.get(name), field));
        });
        return changes;
    }

    /**
     * Names a write's violations as the client knows the fields: a component's path starts with its JSON name
     * ({@code display_name.city} rather than {@code displayName.city}).
     *
     * @param write a write that may fail validation
     * @param <R>   what it returns
     * @return what it returns
     * @throws ValidationException with the fields renamed, when it fails validation
     */
    <R> R withJsonNames(Supplier<R> write) {
        try {
            return write.get();
        } catch (ValidationException e) {
            throw new ValidationException(e.violations().stream().map(v -> new ValidationException.Violation(
                    jsonPath(v.field()), v.message())).toList());
        }
    }

    private String jsonPath(String path) {
        Matcher component = LEADING_NAME.matcher(path);
        if (!component.lookingAt()) {
            return path;
        }
        String json = names.written().get(component.group());
        return json == null ? path : json + path.substring(component.end());
    }

    /**
     * Lists the attributes a full replacement sets: every visible one a client may write.
     *
     * @return the attribute names
     */
    Set<String> replaceable() {
        Set<String> names = new LinkedHashSet<>(visible);
        names.removeAll(readOnly);
        return names;
    }

    /** The body's fields a client may write, mapped to the components they set. */
    private Map<String, String> writableFields(JsonNode body, boolean acceptId) {
        if (!body.isObject()) {
            throw new BadRequestException("the body must be a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(field -> {
            String name = names.read().get(field);
            if (name == null || !visible.contains(name)) {
                throw new BadRequestException(field, "is not a known field");
            }
            boolean isId = entity.idAttribute().filter(name::equals).isPresent();
            if (!readOnly.contains(name) || acceptId && isId && !entity.generatesId()) {
                fields.put(field, name);
            }
        });
        return fields;
    }
}
