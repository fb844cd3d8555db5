package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Projected gets and queries against DynamoDB Local: only the attributes asked for, read as stored. */
class ProjectionsIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final Scope NONE = Scope.unscoped();
    private static final Scope ALICE = Scope.owner("alice");

    private EntityRepository<Everything> things;
    private EntityRepository<Todo> todos;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("projections");
        LocalTable.create(client, tableName, Todo.ENTITY, Everything.ENTITY);
        SingleTable table = SingleTable.builder().client(client).tableName(tableName).build();
        things = table.repository(Everything.ENTITY);
        todos = table.repository(Todo.ENTITY);
    }

    @Test
    void get_projection_readsTheAttributesAskedForAsStored() {
        // GIVEN
        Instant at = Instant.parse("2026-03-04T05:06:07.123Z");
        things.create(NONE, new Everything("t1", "text", true, null, 5, 6L, null, null, new BigDecimal("1.50"), at,
                LocalDate.of(2026, 3, 4), Everything.Color.RED, List.of("a"), Set.of("x"), Map.of("k", "v"), null,
                null));

        // WHEN
        PartialItem<Everything> item = things.get(NONE, "t1", Projection.of(Everything.ENTITY, "count", "amount",
                "at", "color", "tags", "labels", "boxedCount")).orElseThrow();

        // THEN
        assertThat(item.get("count", Integer.class)).contains(5);
        assertThat(item.get("amount", BigDecimal.class)).contains(new BigDecimal("1.5"));
        assertThat(item.get("at", Instant.class)).contains(at);
        assertThat(item.get("color", Everything.Color.class)).contains(Everything.Color.RED);
        assertThat(item.get("tags", List.class)).contains(List.of("a"));
        assertThat(item.get("labels", Set.class)).contains(Set.of("x"));
        assertThat(item.get("boxedCount", Integer.class)).isEmpty();
        assertThat(things.get(NONE, "missing", Projection.of(Everything.ENTITY, "count"))).isEmpty();
    }

    @Test
    void query_projection_pagesThroughTheAttributesOfTheCallersItems() {
        // GIVEN
        for (int i = 0; i < 5; i++) {
            todos.create(ALICE, new Todo(null, "t" + i, "todo " + i, false, null, null, null, null));
        }
        todos.create(Scope.owner("bob"), new Todo(null, "b1", "bob's", false, null, null, null, null));
        Projection<Todo> titles = Projection.of(Todo.ENTITY, "id", "title");

        // WHEN
        List<String> read = new ArrayList<>();
        String cursor = null;
        do {
            Page<PartialItem<Todo>> page = todos.query(ALICE, Query.table().limit(2).cursor(cursor).build(), titles);
            page.items().forEach(item -> read.add(item.get("id", String.class).orElseThrow() + ":"
                    + item.get("title", String.class).orElseThrow()));
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);

        // THEN
        assertThat(read).containsExactly("t0:todo 0", "t1:todo 1", "t2:todo 2", "t3:todo 3", "t4:todo 4");
    }
}
