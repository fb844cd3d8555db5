package io.github.dynacrud.table;

import io.github.dynacrud.InvalidCursorException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.CollectionKey;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.internal.Expressions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Entity types whose items share a partition and a sort key prefix, read together: one DynamoDB {@code Query} per
 * page of mixed items, in key order, each read as its own record type by the entity type attribute; items of other
 * types in the range are skipped. The key range is exact: the shared prefix ends with {@code #}, so the collection of
 * notebook {@code nb1} never holds an item of {@code nb10}, {@code nb1-x} or {@code nb1 x}.
 *
 * <pre>{@code
 * ItemCollection notebook = table.collection(Notebook.ENTITY, Note.ENTITY);
 * Page<Record> page = notebook.query(scope, CollectionQuery.builder().value("notebookId", "nb1").build());
 * for (Record item : page.items()) {
 *     if (item instanceof Note note) {
 *         System.out.println(note.title());
 *     }
 * }
 * }</pre>
 */
public final class ItemCollection {
    private static final Set<String> KEY_NAMES = Set.of(Entity.PARTITION_KEY, Entity.SORT_KEY);

    private final SingleTable table;
    private final CollectionKey key;
    private final Map<String, EntityMapping<?>> mappings = new LinkedHashMap<>();

    ItemCollection(SingleTable table, List<Entity<?>> members) {
        this.table = table;
        this.key = new CollectionKey(members);
        members.forEach(member -> mappings.put(member.type(), new EntityMapping<>(member)));
    }

    /**
     * Reads one page of the collection.
     *
     * @param scope the caller's scope: the owner of owner-scoped members
     * @param query the shared key values, page size and cursor
     * @return the items of the members, in key order, each as its record type
     * @throws IllegalArgumentException when a shared value is missing or names no shared placeholder
     * @throws io.github.dynacrud.ValidationException when a value could forge another key
     * @throws InvalidCursorException when the cursor is altered or from another query
     */
    public Page<Record> query(Scope scope, CollectionQuery query) {
        Expressions expressions = new Expressions();
        String prefix = key.sortPrefix(query.values());
        String condition = partitionCondition(expressions, scope, query.values())
                + (prefix.isEmpty() ? "" : " AND begins_with(" + expressions.name(Entity.SORT_KEY) + ", "
                + expressions.value(AttributeValue.fromS(prefix)) + ")");
        String binding = binding(condition, expressions);
        Map<String, AttributeValue> start = query.cursor().map(c -> table.cursors().decode(c, binding, KEY_NAMES))
                .orElse(null);
        QueryResponse response = send(expressions, condition, mappings.keySet(), query.limit(), start);
        return new Page<>(decode(response.items()), lastKey(response)
                .map(last -> table.cursors().encode(last, binding)));
    }

    /**
     * Prepares the read of one member's item with the first page of another member's items under it, in one Query.
     *
     * <pre>{@code
     * ParentAndChildren<Notebook, Note> withNotes = notebook.parentAndChildren(Notebook.ENTITY, Note.ENTITY);
     * }</pre>
     *
     * @param parent   the parent member, whose sort key sorts before its children's
     * @param children the children member
     * @param <P>      the parent's record type
     * @param <C>      the children's record type
     * @return the prepared read
     * @throws IllegalArgumentException when either is not a member, or the parent's items do not sort before the
     *                                  children's
     */
    public <P extends Record, C extends Record> ParentAndChildren<P, C> parentAndChildren(Entity<P> parent,
            Entity<C> children) {
        return new ParentAndChildren<>(this, member(parent), member(children));
    }

    @SuppressWarnings("unchecked")
    private <T extends Record> EntityMapping<T> member(Entity<T> entity) {
        EntityMapping<?> mapping = mappings.get(entity.type());
        if (mapping == null || mapping.entity() != entity) {
            throw new IllegalArgumentException(entity.type() + " is not a member of " + key.description());
        }
        return (EntityMapping<T>) mapping;
    }

    SingleTable table() {
        return table;
    }

    CollectionKey key() {
        return key;
    }

    /** Renders {@code PK = :partition} for the caller's scope and the shared values. */
    String partitionCondition(Expressions expressions, Scope scope, Map<String, ?> values) {
        return expressions.name(Entity.PARTITION_KEY) + " = "
                + expressions.value(AttributeValue.fromS(key.partition(scope.ownerId(), values)));
    }

    /** Sends the one Query of a page, keeping the given types, with a consistent read of the table. */
    QueryResponse send(Expressions expressions, String keyCondition, Collection<String> types, int limit,
            Map<String, AttributeValue> start) {
        String filter = expressions.name(Entity.TYPE_ATTRIBUTE) + " IN (" + types.stream()
                .map(type -> expressions.value(AttributeValue.fromS(type))).collect(Collectors.joining(", ")) + ")";
        return KeyQuery.send(table.client(), QueryRequest.builder().tableName(table.tableName())
                .keyConditionExpression(keyCondition)
                .filterExpression(filter)
                .expressionAttributeNames(expressions.names())
                .expressionAttributeValues(expressions.values())
                .limit(limit)
                .consistentRead(true)
                .exclusiveStartKey(start)
                .build());
    }

    private List<Record> decode(List<Map<String, AttributeValue>> items) {
        List<Record> records = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            AttributeValue type = item.get(Entity.TYPE_ATTRIBUTE);
            EntityMapping<?> mapping = type == null ? null : mappings.get(type.s());
            if (mapping != null) {
                mapping.fromItem(item).ifPresent(records::add);
            }
        }
        return records;
    }

    static Optional<Map<String, AttributeValue>> lastKey(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(response.lastEvaluatedKey()) : Optional.empty();
    }

    /** Binds a cursor to the table, the members and the rendered key condition with its values. */
    private String binding(String keyCondition, Expressions expressions) {
        StringBuilder binding = new StringBuilder(table.tableName()).append("\ncollection\n").append(keyCondition)
                .append('\n').append(String.join(",", mappings.keySet()));
        new TreeMap<>(expressions.values()).forEach((placeholder, value) ->
                binding.append('\n').append(placeholder).append('=').append(value.s()));
        return binding.toString();
    }
}
