package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Instants and numbers in sort keys come back from DynamoDB in the order of their values, not of their text. */
@ExtendWith(DynamoDbLocalExtension.class)
class SortableKeysIT {
    record Event(String ownerId, Instant at, int rank, String id) {
        static final Entity<Event> ENTITY = Entity.of(Event.class).partitionKey("USER#{ownerId}")
                .sortKey("AT#{at}#{id}").index("GSI1", "USER#{ownerId}", "RANK#{rank}#{id}").owner("ownerId")
                .build();
    }

    private static final Scope OWNER = Scope.owner("u1");
    private EntityRepository<Event> events;

    @BeforeEach
    void eventsOfMixedPrecisionAndSign(DynamoDbClient client) {
        String table = DynamoDbLocalExtension.uniqueTableName("sortable");
        LocalTable.create(client, table, Event.ENTITY);
        events = SingleTable.builder().client(client).tableName(table).build().repository(Event.ENTITY);
        // Written out of order, with ranks whose text order differs from their numeric order.
        create("2026-03-01T10:00:01Z", 2, "c");
        create("2026-03-01T10:00:00.500Z", -1, "b");
        create("2026-03-01T10:00:00Z", 10, "a");
        create("2026-03-01T10:00:00.000001Z", -10, "d");
        create("2026-03-01T09:59:59.999999999Z", 0, "e");
    }

    private void create(String at, int rank, String id) {
        events.create(OWNER, new Event(null, Instant.parse(at), rank, id));
    }

    @Test
    void query_sortKeyWithInstants_returnsThemInTimeOrder() {
        // WHEN
        List<String> ids = ids(Query.table().build());

        // THEN
        assertThat(ids).containsExactly("e", "a", "d", "b", "c");
    }

    @Test
    void query_sortKeyWithInts_returnsThemInNumericOrder_negativesFirst() {
        // WHEN
        List<String> ascending = ids(Query.index("GSI1").build());
        List<String> descending = ids(Query.index("GSI1").descending().build());

        // THEN: ranks -10, -1, 0, 2, 10
        assertThat(ascending).containsExactly("d", "b", "e", "c", "a");
        assertThat(descending).containsExactly("a", "c", "e", "b", "d");
    }

    @Test
    void query_rangeOnAnInstant_boundsByTime() {
        // WHEN: from half a second past ten, at millisecond precision, against keys of other precisions
        List<String> later = ids(Query.table().sortKey(SortKeyCondition.compare(
                SortKeyCondition.Operator.GREATER_THAN_OR_EQUAL,
                Map.of("at", Instant.parse("2026-03-01T10:00:00.500Z")))).build());

        // THEN
        assertThat(later).containsExactly("b", "c");
    }

    @Test
    void query_rangeOnAnInt_boundsByValue() {
        // WHEN
        List<String> negative = ids(Query.index("GSI1").sortKey(SortKeyCondition.compare(
                SortKeyCondition.Operator.LESS_THAN, Map.of("rank", 0))).build());

        // THEN
        assertThat(negative).containsExactly("d", "b");
    }

    private List<String> ids(Query query) {
        return events.query(OWNER, query).items().stream().map(Event::id).toList();
    }
}
