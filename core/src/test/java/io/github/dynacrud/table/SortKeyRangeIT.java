package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Range conditions on a partial sort key bound whole groups: every item of the boundary day is in or out. */
@ExtendWith(DynamoDbLocalExtension.class)
class SortKeyRangeIT {
    record Entry(String ownerId, LocalDate day, String id, String text) {
        static final Entity<Entry> ENTITY = Entity.of(Entry.class).partitionKey("USER#{ownerId}")
                .sortKey("DAY#{day}#{id}").owner("ownerId").build();
    }

    private static final Scope OWNER = Scope.owner("u1");
    private EntityRepository<Entry> entries;

    @BeforeEach
    void entriesOnThreeDays(DynamoDbClient client) {
        String table = DynamoDbLocalExtension.uniqueTableName("range");
        LocalTable.create(client, table, Entry.ENTITY);
        entries = SingleTable.builder().client(client).tableName(table).build().repository(Entry.ENTITY);
        for (String day : List.of("2026-01-30", "2026-01-31", "2026-02-01")) {
            for (String id : List.of("a", "b")) {
                entries.create(OWNER, new Entry(null, LocalDate.parse(day), id, day + id));
            }
        }
    }

    @Test
    void between_partialBounds_includesEveryItemOfBothBoundaryDays() {
        assertThat(texts(SortKeyCondition.between(Map.of("day", LocalDate.parse("2026-01-30")),
                Map.of("day", LocalDate.parse("2026-01-31")))))
                .containsExactly("2026-01-30a", "2026-01-30b", "2026-01-31a", "2026-01-31b");
    }

    @Test
    void lessThanOrEqual_partialKey_includesTheWholeDay() {
        assertThat(texts(SortKeyCondition.compare(SortKeyCondition.Operator.LESS_THAN_OR_EQUAL,
                Map.of("day", LocalDate.parse("2026-01-31")))))
                .containsExactly("2026-01-30a", "2026-01-30b", "2026-01-31a", "2026-01-31b");
    }

    @Test
    void greaterThan_partialKey_excludesTheWholeDay() {
        assertThat(texts(SortKeyCondition.compare(SortKeyCondition.Operator.GREATER_THAN,
                Map.of("day", LocalDate.parse("2026-01-31")))))
                .containsExactly("2026-02-01a", "2026-02-01b");
    }

    @Test
    void lessThanAndGreaterThanOrEqual_partialKey_splitAtTheDay() {
        assertThat(texts(SortKeyCondition.compare(SortKeyCondition.Operator.LESS_THAN,
                Map.of("day", LocalDate.parse("2026-01-31"))))).containsExactly("2026-01-30a", "2026-01-30b");
        assertThat(texts(SortKeyCondition.compare(SortKeyCondition.Operator.GREATER_THAN_OR_EQUAL,
                Map.of("day", LocalDate.parse("2026-01-31")))))
                .containsExactly("2026-01-31a", "2026-01-31b", "2026-02-01a", "2026-02-01b");
    }

    private List<String> texts(SortKeyCondition condition) {
        return entries.query(OWNER, Query.table().sortKey(condition).limit(100).build()).items().stream()
                .map(Entry::text).toList();
    }
}
