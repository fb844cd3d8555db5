package io.github.dynacrud.table;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.KeyParts;
import io.github.dynacrud.entity.KeyTemplate;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.internal.Expressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads an item with the first page of its children in one DynamoDB {@code Query}, as {@code GET
 * /notebooks/{id}?include=notes} does: the range runs from the parent's sort key to the end of its children's, so the
 * parent comes first and the page's limit applies to the children. The children's cursor continues the children's own
 * query, {@code Query.table().within(...)} bounded by the parent's values, as a nested resource lists them.
 *
 * <pre>{@code
 * ParentAndChildren<Notebook, Note> withNotes = table.collection(Notebook.ENTITY, Note.ENTITY)
 *         .parentAndChildren(Notebook.ENTITY, Note.ENTITY);
 * Optional<WithChildren<Notebook, Note>> notebook = withNotes.read(scope, Map.of("id", "nb1"), 20);
 * }</pre>
 *
 * @param <P> the parent's record type
 * @param <C> the children's record type
 */
public final class ParentAndChildren<P extends Record, C extends Record> {
    private final ItemCollection collection;
    private final EntityMapping<P> parent;
    private final EntityMapping<C> children;
    private final KeyQuery<C> childQueries;

    ParentAndChildren(ItemCollection collection, EntityMapping<P> parent, EntityMapping<C> children) {
        Entity<P> p = parent.entity();
        Entity<C> c = children.entity();
        if (!collection.key().sortsBefore(p, c)) {
            throw new IllegalArgumentException("the items of " + p.type() + " (sort key '" + p.sortKey()
                    + "') do not sort before those of " + c.type() + " ('" + c.sortKey() + "'), so a page of "
                    + c.type() + " items could leave its " + p.type() + " out; end the parent's sort key with a"
                    + " literal that sorts before the children's, such as '#META' before '#NOTE#'");
        }
        this.collection = collection;
        this.parent = parent;
        this.children = children;
        SingleTable table = collection.table();
        this.childQueries = new KeyQuery<>(children, table.tableName(), table.cursors());
    }

    /**
     * Reads the parent and the first page of its children.
     *
     * @param scope the caller's scope
     * @param key   the parent's key values, owner aside, such as {@code {"id": "nb1"}}
     * @param limit the most children to return, 1 to {@value Query#MAX_LIMIT}
     * @return the parent and its children, or empty when the parent does not exist for this caller
     * @throws io.github.dynacrud.ValidationException when a key value could forge another key
     */
    public Optional<WithChildren<P, C>> read(Scope scope, Map<String, ?> key, int limit) {
        if (limit < 1 || limit > Query.MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is not between 1 and " + Query.MAX_LIMIT);
        }
        Map<String, Object> shared = collection.key().sharedValues(parent.entity(), key);
        Map<String, Object> within = collection.key().valuesOf(children.entity(), shared);
        Query.Builder childQuery = Query.table().limit(limit);
        within.forEach(childQuery::within);
        String binding = childQueries.plan(scope.ownerId(), childQuery.build()).binding();

        String parentKey = parent.render(parent.entity().sortKey(), key::get);
        String childPrefix = childPrefix(within);
        Expressions expressions = new Expressions();
        String sortKey = expressions.name(Entity.SORT_KEY);
        String condition = collection.partitionCondition(expressions, scope, shared) + " AND " + sortKey
                + " BETWEEN " + expressions.value(AttributeValue.fromS(parentKey)) + " AND "
                + expressions.value(AttributeValue.fromS(afterGroup(childPrefix)));
        QueryResponse response = collection.send(expressions, condition,
                List.of(parent.entity().type(), children.entity().type()), limit + 1, null);

        Optional<P> found = response.items().stream().findFirst().flatMap(parent::fromItem);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<C> items = new ArrayList<>();
        response.items().forEach(item -> children.fromItem(item).ifPresent(items::add));
        Optional<String> next = ItemCollection.lastKey(response).flatMap(last -> childStart(last, childPrefix))
                .map(start -> collection.table().cursors().encode(start, binding));
        return Optional.of(new WithChildren<>(found.get(), new Page<>(items, next)));
    }

    /** The children's sort key prefix, as their bounded list renders it: {@code NOTEBOOK#nb1#NOTE#}. */
    private String childPrefix(Map<String, Object> within) {
        Map<String, String> parts = new HashMap<>();
        within.forEach((attribute, value) -> parts.put(attribute, KeyParts.check(attribute, value)));
        return children.entity().sortKey().renderPrefix(parts);
    }

    /** Every key under a prefix ending in '#' sorts below the prefix ending in '$' instead, as no value holds '#'. */
    private static String afterGroup(String prefix) {
        return prefix.endsWith(String.valueOf(KeyTemplate.SEPARATOR))
                ? prefix.substring(0, prefix.length() - 1) + '$' : prefix;
    }

    /**
     * Where the children's next page starts: after the last key read when it is a child's; at the start of the
     * children's range when the page stopped before it (on the parent, or on skipped items between them).
     */
    private static Optional<Map<String, AttributeValue>> childStart(Map<String, AttributeValue> last,
            String childPrefix) {
        String sortKey = last.get(Entity.SORT_KEY).s();
        if (sortKey.startsWith(childPrefix)) {
            return Optional.of(last);
        }
        if (sortKey.compareTo(childPrefix) > 0) {
            return Optional.empty();
        }
        return Optional.of(Map.of(Entity.PARTITION_KEY, last.get(Entity.PARTITION_KEY),
                Entity.SORT_KEY, AttributeValue.fromS(childPrefix)));
    }
}
