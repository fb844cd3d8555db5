package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pages through 250 todos of one owner with cursors against DynamoDB Local: every todo exactly once, in sort key
 * order, both ways, on the table and on GSI1.
 */
class PagingIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final int TODOS = 250;
    private static final int LIMIT = 25;
    private static final Scope OWNER = Scope.owner("pager");
    private static final Scope NOISY = Scope.owner("noisy");

    private static EntityRepository<Todo> todos;
    /** All todos of {@link #OWNER} as stored, in ascending id order. */
    private static List<Todo> stored;
    /** The todos of {@link #NOISY}, whose partition also holds items of another type between them. */
    private static List<Todo> noisyStored;

    @BeforeAll
    static void fillTable(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("paging");
        LocalTable.create(client, tableName, Todo.ENTITY, User.ENTITY, Everything.ENTITY);
        todos = SingleTable.builder().client(client).tableName(tableName).build().repository(Todo.ENTITY);
        // Ids are given, zero-padded, and created in a shuffled order, so the expected order is the id order and
        // never the creation order.
        List<Integer> order = new ArrayList<>(IntStream.range(0, TODOS).boxed().toList());
        Collections.shuffle(order, new Random(42));
        List<Todo> created = new ArrayList<>();
        for (int i : order) {
            created.add(todos.create(OWNER, new Todo(null, id(i), "todo " + i, i % 3 == 0, null, null, null, null)));
        }
        created.sort(Comparator.comparing(Todo::id));
        stored = List.copyOf(created);
        // Neighbours that must never show up: owners whose ids extend or prefix "pager", and another entity type.
        todos.create(Scope.owner("pager2"), new Todo(null, id(1), "neighbour", true, null, null, null, null));
        todos.create(Scope.owner("page"), new Todo(null, id(2), "neighbour", false, null, null, null, null));
        // A partition where items of type Other sit between the todos, so the type filter empties parts of pages.
        List<Todo> noisy = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            noisy.add(todos.create(NOISY, new Todo(null, id(i), "noisy " + i, i % 2 == 0, null, null, null, null)));
            String otherId = id(i) + "x";
            client.putItem(r -> r.tableName(tableName).item(Map.of(
                    "PK", AttributeValue.fromS("USER#noisy"), "SK", AttributeValue.fromS("TODO#" + otherId),
                    "GSI1PK", AttributeValue.fromS("USER#noisy"),
                    "GSI1SK", AttributeValue.fromS("DONE#true#" + otherId),
                    "_type", AttributeValue.fromS("Other"), "id", AttributeValue.fromS(otherId))));
        }
        noisyStored = List.copyOf(noisy);
    }

    @Test
    void pagingTheTableAscending_returnsEveryTodoOnceInIdOrder() {
        // GIVEN 250 todos of one owner

        // WHEN they are read 25 per page until no cursor is left
        List<Page<Todo>> pages = readAll(OWNER, Query.table().limit(LIMIT)::cursor);

        // THEN the pages hold exactly the stored todos in ascending id order, 25 per page
        assertThat(items(pages)).containsExactlyElementsOf(stored);
        assertFullPages(pages, TODOS);
    }

    @Test
    void pagingTheTableDescending_returnsEveryTodoOnceInReverseIdOrder() {
        // GIVEN 250 todos of one owner

        // WHEN they are read 25 per page, descending
        List<Page<Todo>> pages = readAll(OWNER, Query.table().limit(LIMIT).descending()::cursor);

        // THEN the pages hold exactly the stored todos in descending id order
        assertThat(items(pages)).containsExactlyElementsOf(reversed(stored));
        assertFullPages(pages, TODOS);
    }

    @Test
    void pagingGsi1WithADoneCondition_returnsEveryMatchingTodoOnceInIdOrder() {
        // GIVEN 250 todos, every third one done
        List<Todo> done = stored.stream().filter(Todo::done).toList();
        List<Todo> open = stored.stream().filter(t -> !t.done()).toList();

        // WHEN each state is read 25 per page from GSI1, done ascending and open descending
        List<Page<Todo>> donePages = readAll(OWNER, Query.index("GSI1").limit(LIMIT)
                .sortKey(SortKeyCondition.beginsWith(Map.of("done", true)))::cursor);
        List<Page<Todo>> openPages = readAll(OWNER, Query.index("GSI1").limit(LIMIT).descending()
                .sortKey(SortKeyCondition.beginsWith(Map.of("done", false)))::cursor);

        // THEN each holds exactly the todos of that state, once, in order
        assertThat(done).hasSize(84);
        assertThat(items(donePages)).containsExactlyElementsOf(done);
        assertFullPages(donePages, 84);
        assertThat(open).hasSize(166);
        assertThat(items(openPages)).containsExactlyElementsOf(reversed(open));
        assertFullPages(openPages, 166);
    }

    @Test
    void pagingAPartitionWithItemsOfAnotherType_skipsThemAndReturnsEveryTodoOnce() {
        // GIVEN 60 todos with 60 items of type Other between them

        // WHEN the table and the done state of GSI1 are read 25 per page
        List<Page<Todo>> pages = readAll(NOISY, Query.table().limit(LIMIT)::cursor);
        List<Page<Todo>> donePages = readAll(NOISY, Query.index("GSI1").limit(LIMIT)
                .sortKey(SortKeyCondition.beginsWith(Map.of("done", true)))::cursor);

        // THEN only the todos come back, each once, in id order, and no page exceeds the limit
        assertThat(items(pages)).containsExactlyElementsOf(noisyStored);
        assertThat(pages).allSatisfy(page -> assertThat(page.items()).hasSizeLessThanOrEqualTo(LIMIT));
        assertThat(items(donePages)).containsExactlyElementsOf(noisyStored.stream().filter(Todo::done).toList());
        assertThat(donePages).allSatisfy(page -> assertThat(page.items()).hasSizeLessThanOrEqualTo(LIMIT));
    }

    /** Reads pages until a page has no next cursor; fails rather than loop forever. */
    private static List<Page<Todo>> readAll(Scope scope, Function<String, Query.Builder> withCursor) {
        List<Page<Todo>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Page<Todo> page = todos.query(scope, withCursor.apply(cursor).build());
            pages.add(page);
            cursor = page.nextCursor().orElse(null);
            assertThat(pages).as("pages read").hasSizeLessThan(100);
        } while (cursor != null);
        return pages;
    }

    /**
     * Checks that the pages are full except for the rest on the last one; when the items fill the last page
     * exactly, an empty page may follow.
     */
    private static void assertFullPages(List<Page<Todo>> pages, int total) {
        int full = total / LIMIT;
        int rest = total % LIMIT;
        List<Integer> sizes = pages.stream().map(p -> p.items().size()).toList();
        List<Integer> expected = new ArrayList<>(Collections.nCopies(full, LIMIT));
        if (rest > 0) {
            expected.add(rest);
            assertThat(sizes).isEqualTo(expected);
        } else {
            List<Integer> withEmptyLast = new ArrayList<>(expected);
            withEmptyLast.add(0);
            assertThat(sizes).isIn(expected, withEmptyLast);
        }
    }

    private static List<Todo> items(List<Page<Todo>> pages) {
        return pages.stream().flatMap(p -> p.items().stream()).toList();
    }

    private static List<Todo> reversed(List<Todo> todos) {
        List<Todo> copy = new ArrayList<>(todos);
        Collections.reverse(copy);
        return copy;
    }

    private static String id(int i) {
        return String.format("T%03d", i);
    }
}
