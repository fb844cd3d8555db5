package io.github.dynacrud.table;

import io.github.dynacrud.InvalidCursorException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.Index;
import io.github.dynacrud.entity.KeyParts;
import io.github.dynacrud.entity.KeyTemplate;
import io.github.dynacrud.internal.AwsFailures;
import io.github.dynacrud.internal.CursorCodec;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.internal.Expressions;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Runs a {@link Query} as one DynamoDB {@code Query} request on the table or an index: the partition rendered from the
 * owner and the given values, the sort key condition rendered through its template, a filter on the entity type, and
 * cursors bound to all of that.
 *
 * @param <T> the record type
 */
final class KeyQuery<T extends Record> {
    private final EntityMapping<T> mapping;
    private final Entity<T> entity;
    private final String tableName;
    private final CursorCodec cursors;

    /**
     * Creates the query runner of one entity type.
     *
     * @param mapping   the entity's mapping
     * @param tableName the table
     * @param cursors   the cursor codec
     */
    KeyQuery(EntityMapping<T> mapping, String tableName, CursorCodec cursors) {
        this.mapping = mapping;
        this.entity = mapping.entity();
        this.tableName = tableName;
        this.cursors = cursors;
    }

    /**
     * Reads one page.
     *
     * @param client the DynamoDB client
     * @param owner  the caller's owner id, present exactly when the entity is owner-scoped
     * @param query  the query
     * @param filter renders the caller's filter with the request's placeholders, or {@code null} for none
     * @return the page
     */
    Page<T> run(DynamoDbClient client, Optional<String> owner, Query query,
            Function<Expressions, String> filter) {
        return run(client, owner, query, filter, List.of(), mapping::fromItem);
    }

    /**
     * Reads one page of some attributes of each item.
     *
     * @param client     the DynamoDB client
     * @param owner      the caller's owner id, present exactly when the entity is owner-scoped
     * @param query      the query
     * @param filter     renders the caller's filter with the request's placeholders, or {@code null} for none
     * @param projection the attributes to read, or empty for whole items; the entity type is always read
     * @param reader     reads a returned item, empty when it is of another type
     * @param <R>        what an item is read as
     * @return the page
     */
    <R> Page<R> run(DynamoDbClient client, Optional<String> owner, Query query,
            Function<Expressions, String> filter, Collection<String> projection,
            Function<Map<String, AttributeValue>, Optional<R>> reader) {
        Plan plan = plan(owner, query);
        Expressions expressions = plan.expressions();
        String keyCondition = plan.keyCondition();
        String binding = plan.binding();
        Optional<Index> index = query.index().map(entity::index);
        String typeFilter = expressions.name(Entity.TYPE_ATTRIBUTE) + " = " + expressions.value(mapping.typeValue());
        Set<String> keyNames = index.map(i -> Set.of(i.partitionKeyAttribute(), i.sortKeyAttribute(),
                Entity.PARTITION_KEY, Entity.SORT_KEY)).orElse(Set.of(Entity.PARTITION_KEY, Entity.SORT_KEY));
        Map<String, AttributeValue> startKey = query.cursor().map(c -> cursors.decode(c, binding, keyNames))
                .orElse(null);

        // Rendered after the binding: the cursor marks a key position, which stays valid under any filter.
        String filterExpression = filter == null ? typeFilter : typeFilter + " AND " + filter.apply(expressions);
        String projectionExpression = projection.isEmpty() ? null : projection(expressions, projection);
        QueryResponse response = send(client, QueryRequest.builder().tableName(tableName)
                .indexName(query.index().orElse(null))
                .keyConditionExpression(keyCondition)
                .filterExpression(filterExpression)
                .projectionExpression(projectionExpression)
                .expressionAttributeNames(expressions.names())
                .expressionAttributeValues(expressions.values())
                .limit(query.limit())
                .scanIndexForward(!query.descending())
                .consistentRead(index.isEmpty())
                .exclusiveStartKey(startKey)
                .build());
        List<R> items = response.items().stream().flatMap(item -> reader.apply(item).stream()).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(cursors.encode(response.lastEvaluatedKey(), binding)) : Optional.empty();
        return new Page<>(items, next);
    }

    /**
     * The key condition of a query, rendered with its placeholders, and the binding its cursors carry.
     *
     * @param expressions  the placeholders, to which a request adds its filter and projection
     * @param keyCondition the rendered key condition
     * @param binding      what a cursor of this query is bound to
     */
    public record Plan(Expressions expressions, String keyCondition, String binding) {
    }

    /**
     * Renders a query's key condition: the partition from the owner, the partition values and the bounding values
     * ({@link Query#within()}), and the sort key condition led by the bounding values that the sort key holds.
     *
     * @param owner the caller's owner id, present exactly when the entity is owner-scoped
     * @param query the query
     * @return the key condition and the cursors' binding
     * @throws IllegalArgumentException when a value names no placeholder of the queried keys
     */
    Plan plan(Optional<String> owner, Query query) {
        Optional<Index> index = query.index().map(entity::index);
        KeyTemplate partitionTemplate = index.map(Index::partitionKey).orElse(entity.partitionKey());
        KeyTemplate sortTemplate = index.map(Index::sortKey).orElse(entity.sortKey());
        String partitionAttribute = index.map(Index::partitionKeyAttribute).orElse(Entity.PARTITION_KEY);
        String sortAttribute = index.map(Index::sortKeyAttribute).orElse(Entity.SORT_KEY);

        Map<String, Object> partitionValues = new HashMap<>(query.partition());
        Map<String, Object> sortValues = new LinkedHashMap<>();
        query.within().forEach((attribute, value) -> {
            Map<String, Object> bounded = partitionTemplate.attributes().contains(attribute) ? partitionValues
                    : sortTemplate.attributes().contains(attribute) ? sortValues : null;
            if (bounded == null) {
                throw new IllegalArgumentException("the keys of " + query.index().map(i -> "index " + i)
                        .orElse("the table") + " ('" + partitionTemplate + "', '" + sortTemplate + "') of "
                        + entity.type() + " do not hold '" + attribute + "', so they cannot bound a query by it");
            }
            if (bounded.containsKey(attribute)) {
                throw new IllegalArgumentException("a query of " + entity.type() + " gives '" + attribute
                        + "' twice");
            }
            bounded.put(attribute, value);
        });
        for (String attribute : partitionValues.keySet()) {
            if (!partitionTemplate.attributes().contains(attribute) || owner.isPresent()
                    && attribute.equals(entity.ownerAttribute().orElseThrow())) {
                throw new IllegalArgumentException("partition key '" + partitionTemplate + "' of " + entity.type()
                        + " takes no value for '" + attribute + "' from a query");
            }
        }
        owner.ifPresent(o -> partitionValues.put(entity.ownerAttribute().orElseThrow(), o));
        AttributeValue partition = mapping.partitionKey(partitionTemplate, partitionValues::get);

        Expressions expressions = new Expressions();
        String keyCondition = expressions.name(partitionAttribute) + " = " + expressions.value(partition);
        String sortCondition = sortCondition(expressions, sortAttribute, sortTemplate,
                bounded(query.sortKey(), sortValues, sortTemplate));
        if (!sortCondition.isEmpty()) {
            keyCondition += " AND " + sortCondition;
        }
        return new Plan(expressions, keyCondition, binding(query, keyCondition, expressions));
    }

    /**
     * Leads a sort key condition with bounding values; without a condition, they make a {@code begins_with}, or an
     * equality when they fill every placeholder: a key ending with a value is no prefix of its group, and
     * {@code begins_with(SK, 'NB#nb1')} would also match {@code NB#nb10}.
     */
    private Optional<SortKeyCondition> bounded(Optional<SortKeyCondition> requested, Map<String, Object> within,
            KeyTemplate template) {
        if (within.isEmpty()) {
            return requested;
        }
        if (requested.isEmpty()) {
            return Optional.of(within.keySet().containsAll(template.attributes())
                    ? SortKeyCondition.equalTo(within) : SortKeyCondition.beginsWith(within));
        }
        SortKeyCondition condition = requested.get();
        return Optional.of(new SortKeyCondition(condition.operator(), lead(within, condition.values()),
                condition.upper().isEmpty() ? Map.of() : lead(within, condition.upper())));
    }

    private Map<String, Object> lead(Map<String, Object> within, Map<String, Object> values) {
        Map<String, Object> merged = new LinkedHashMap<>(within);
        values.forEach((attribute, value) -> {
            if (merged.containsKey(attribute)) {
                throw new IllegalArgumentException("a sort key condition of " + entity.type() + " gives '"
                        + attribute + "', which the query is already bounded by");
            }
            merged.put(attribute, value);
        });
        return merged;
    }

    /**
     * Renders a projection of some attributes and the entity type, which tells this entity's items from others.
     *
     * @param expressions the request's placeholders
     * @param attributes  the attributes
     * @return the projection expression
     */
    static String projection(Expressions expressions, Collection<String> attributes) {
        StringBuilder projection = new StringBuilder(expressions.name(Entity.TYPE_ATTRIBUTE));
        attributes.forEach(attribute -> projection.append(", ").append(expressions.name(attribute)));
        return projection.toString();
    }

    /**
     * Describes a query canonically, from the rendered key condition rather than the caller's maps, whose order can
     * differ between equal conditions and between JVMs.
     */
    private String binding(Query query, String keyCondition, Expressions expressions) {
        StringBuilder binding = new StringBuilder(tableName).append('\n').append(query.index().orElse(""))
                .append('\n').append(keyCondition).append('\n').append(query.descending() ? "desc" : "asc")
                .append('\n').append(entity.type());
        new TreeMap<>(expressions.values()).forEach((placeholder, value) ->
                binding.append('\n').append(placeholder).append('=').append(value.s()));
        return binding.toString();
    }

    private String sortCondition(Expressions expressions, String attribute, KeyTemplate template,
            Optional<SortKeyCondition> requested) {
        String name = expressions.name(attribute);
        if (requested.isEmpty()) {
            String prefix = template.literalPrefix();
            return prefix.isEmpty() ? ""
                    : "begins_with(" + name + ", " + expressions.value(AttributeValue.fromS(prefix)) + ")";
        }
        SortKeyCondition condition = requested.get();
        String rendered = render(template, condition.values(),
                condition.operator() == SortKeyCondition.Operator.EQUAL);
        // A partial key ends with '#'; every key under it sorts below the same prefix ending in '$', the next
        // character, since '#' never occurs inside a value. So "<= P" and "> P" on a partial P bound the whole group.
        boolean partial = isPartial(rendered, template);
        String operand = partial && (condition.operator() == SortKeyCondition.Operator.LESS_THAN_OR_EQUAL
                || condition.operator() == SortKeyCondition.Operator.GREATER_THAN)
                ? afterGroup(rendered, template) : rendered;
        String value = expressions.value(AttributeValue.fromS(operand));
        return switch (condition.operator()) {
            case EQUAL -> name + " = " + value;
            case BEGINS_WITH -> "begins_with(" + name + ", " + value + ")";
            case BETWEEN -> between(expressions, name, value, render(template, condition.upper(), false), template);
            case LESS_THAN -> name + " < " + value;
            case LESS_THAN_OR_EQUAL -> name + (partial ? " < " : " <= ") + value;
            case GREATER_THAN -> name + (partial ? " >= " : " > ") + value;
            case GREATER_THAN_OR_EQUAL -> name + " >= " + value;
        };
    }

    /** BETWEEN is inclusive; a partial upper bound P# becomes P$, which no key equals, so its whole group is in. */
    private static String between(Expressions expressions, String name, String low, String upper,
            KeyTemplate template) {
        return name + " BETWEEN " + low + " AND " + expressions.value(AttributeValue.fromS(afterGroup(upper, template)));
    }

    private static boolean isPartial(String rendered, KeyTemplate template) {
        return !template.attributes().isEmpty() && rendered.endsWith(String.valueOf(KeyTemplate.SEPARATOR));
    }

    private static String afterGroup(String rendered, KeyTemplate template) {
        return isPartial(rendered, template) ? rendered.substring(0, rendered.length() - 1) + '$' : rendered;
    }

    private String render(KeyTemplate template, Map<String, Object> values, boolean complete) {
        List<String> attributes = template.attributes();
        for (String attribute : values.keySet()) {
            int position = attributes.indexOf(attribute);
            if (position < 0 || !values.keySet().containsAll(attributes.subList(0, position))) {
                throw new IllegalArgumentException("sort key '" + template + "' of " + entity.type()
                        + " takes values for its leading placeholders " + attributes + ", not " + values.keySet());
            }
        }
        if (complete && values.size() != attributes.size()) {
            throw new IllegalArgumentException("an equality on sort key '" + template + "' needs " + attributes);
        }
        Map<String, String> parts = new HashMap<>();
        values.forEach((attribute, value) -> parts.put(attribute, KeyParts.check(attribute, value)));
        return template.renderPrefix(parts);
    }

    /**
     * Sends one Query; DynamoDB refusing the start key of a page means a cursor that does not fit the query.
     *
     * @param client  the client
     * @param request the request
     * @return the response
     * @throws InvalidCursorException when the start key is refused
     */
    static QueryResponse send(DynamoDbClient client, QueryRequest request) {
        try {
            return client.query(request);
        } catch (AwsServiceException e) {
            if (request.hasExclusiveStartKey() && e.awsErrorDetails() != null
                    && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                throw new InvalidCursorException();
            }
            throw AwsFailures.translate("Query", e);
        } catch (SdkException e) {
            throw AwsFailures.translate("Query", e);
        }
    }
}
