package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dynacrud.InvalidCursorException;
import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every operation of {@link EntityRepository}, and every way it fails, against DynamoDB Local over HTTP. */
class EntityRepositoryIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final String ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final Instant T1 = Instant.parse("2024-05-01T10:05:30.456Z");
    private static final Scope ALICE = Scope.owner("alice");
    private static final Scope BOB = Scope.owner("bob");

    private final MutableClock clock = new MutableClock(T0);
    private DynamoDbClient client;
    private String tableName;
    private SingleTable table;
    private EntityRepository<Todo> todos;
    private EntityRepository<User> users;
    private EntityRepository<Everything> things;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        this.client = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("repository");
        LocalTable.create(client, tableName, Todo.ENTITY, User.ENTITY, Everything.ENTITY);
        table = SingleTable.builder().client(client).tableName(tableName).clock(clock).build();
        todos = table.repository(Todo.ENTITY);
        users = table.repository(User.ENTITY);
        things = table.repository(Everything.ENTITY);
    }

    // ---------------------------------------------------------------- create

    @Test
    void create_todoWithoutId_storesItWithAGeneratedUlidVersionOneTimestampsAndTheScopesOwner() {
        // GIVEN a todo as a client sends it
        Todo input = new Todo(null, null, "Write docs", false, LocalDate.of(2024, 6, 1), null, null, null);

        // WHEN alice creates it
        Todo created = todos.create(ALICE, input);

        // THEN the id is a ULID of the clock's millisecond and the managed attributes are filled
        assertThat(created.id()).matches("[" + ULID_ALPHABET + "]{26}");
        assertThat(ulidMillis(created.id())).isEqualTo(T0.toEpochMilli());
        assertThat(created).isEqualTo(new Todo("alice", created.id(), "Write docs", false, LocalDate.of(2024, 6, 1),
                1L, T0, T0));
        // AND the stored item is exactly this todo with its keys and type
        assertThat(rawTodo("alice", created.id())).containsExactlyInAnyOrderEntriesOf(item(
                "PK", s("USER#alice"),
                "SK", s("TODO#" + created.id()),
                "GSI1PK", s("USER#alice"),
                "GSI1SK", s("DONE#false#" + created.id()),
                "_type", s("Todo"),
                "ownerId", s("alice"),
                "id", s(created.id()),
                "title", s("Write docs"),
                "done", AttributeValue.fromBool(false),
                "dueDate", s("2024-06-01"),
                "version", n("1"),
                "createdAt", s("2024-05-01T10:00:00.123Z"),
                "updatedAt", s("2024-05-01T10:00:00.123Z")));
    }

    @Test
    void create_twoTodos_givesThemDifferentIds() {
        // GIVEN one todo already created at this instant
        Todo first = todos.create(ALICE, Todo.of("one"));

        // WHEN another is created at the same instant
        Todo second = todos.create(ALICE, Todo.of("two"));

        // THEN both have ids of that millisecond, and they differ
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(ulidMillis(second.id())).isEqualTo(T0.toEpochMilli());
        assertThat(scanAll()).hasSize(2);
    }

    @Test
    void create_ignoresOwnerVersionAndTimestampsSentByTheClient() {
        // GIVEN a todo that claims another owner, a version and old timestamps
        Instant old = Instant.parse("2000-01-01T00:00:00Z");
        Todo forged = new Todo("mallory", "t-1", "Mine", true, null, 41L, old, old);

        // WHEN alice creates it
        Todo created = todos.create(ALICE, forged);

        // THEN the scope's owner, version 1 and the clock's time win
        Todo expected = new Todo("alice", "t-1", "Mine", true, null, 1L, T0, T0);
        assertThat(created).isEqualTo(expected);
        assertThat(todos.get(ALICE, "t-1")).contains(expected);
        assertThat(todos.get(Scope.owner("mallory"), "t-1")).isEmpty();
        assertThat(rawTodo("alice", "t-1")).containsEntry("GSI1SK", s("DONE#true#t-1"));
    }

    @Test
    void create_todoWithAnExistingClientSuppliedId_throwsItemAlreadyExistsAndKeepsTheFirst() {
        // GIVEN a todo with a client-supplied id
        Todo first = todos.create(ALICE, new Todo(null, "fixed-1", "first", false, null, null, null, null));
        clock.set(T1);

        // WHEN a second todo with that id is created
        ItemAlreadyExistsException thrown = catchThrowableOfType(ItemAlreadyExistsException.class,
                () -> todos.create(ALICE, new Todo(null, "fixed-1", "second", true, null, null, null, null)));

        // THEN it is refused with 409 and the first is unchanged
        assertThat(thrown).isNotNull().hasMessage("Todo already exists");
        assertThat(thrown.status()).isEqualTo(409);
        assertThat(todos.get(ALICE, "fixed-1")).contains(first);
        assertThat(scanAll()).hasSize(1);
    }

    @Test
    void create_sameIdForAnotherOwner_isADifferentItem() {
        // GIVEN alice's todo with a client-supplied id
        Todo alices = todos.create(ALICE, new Todo(null, "shared", "alice's", false, null, null, null, null));

        // WHEN bob creates a todo with the same id
        Todo bobs = todos.create(BOB, new Todo(null, "shared", "bob's", false, null, null, null, null));

        // THEN both exist, each in its owner's partition
        assertThat(todos.get(ALICE, "shared")).contains(alices);
        assertThat(todos.get(BOB, "shared")).contains(bobs);
        assertThat(scanAll()).hasSize(2);
    }

    @Test
    void create_everythingWithAnExistingId_throwsItemAlreadyExists() {
        // GIVEN a thing with a fixed id
        Everything first = things.create(Scope.unscoped(), minimalThing("thing-1", "first"));

        // WHEN another thing with that id is created
        ItemAlreadyExistsException thrown = catchThrowableOfType(ItemAlreadyExistsException.class,
                () -> things.create(Scope.unscoped(), minimalThing("thing-1", "second")));

        // THEN it is refused and the first is unchanged
        assertThat(thrown).isNotNull().hasMessage("Everything already exists");
        assertThat(things.get(Scope.unscoped(), "thing-1")).contains(first);
    }

    // ---------------------------------------------------------------- get

    @Test
    void get_existingTodo_returnsItAsStored() {
        // GIVEN a todo
        Todo created = todos.create(ALICE, new Todo(null, null, "Read", true, LocalDate.of(2025, 1, 31), null, null,
                null));

        // WHEN it is read
        Optional<Todo> read = todos.get(ALICE, created.id());

        // THEN it equals what create returned
        assertThat(read).contains(created);
    }

    @Test
    void get_unknownId_returnsEmpty() {
        // GIVEN a table with one todo
        todos.create(ALICE, new Todo(null, "known", "Read", false, null, null, null, null));

        // WHEN another id is read
        Optional<Todo> read = todos.get(ALICE, "unknown");

        // THEN nothing is found
        assertThat(read).isEmpty();
    }

    @Test
    void get_anotherOwnersTodo_returnsEmpty() {
        // GIVEN alice's todo
        Todo created = todos.create(ALICE, Todo.of("Private"));

        // WHEN bob reads it by its id
        Optional<Todo> read = todos.get(BOB, created.id());

        // THEN it does not exist for bob
        assertThat(read).isEmpty();
        assertThat(todos.get(ALICE, created.id())).contains(created);
    }

    // ---------------------------------------------------------------- another entity type under the same key

    @Test
    void itemOfAnotherTypeUnderATodosKey_isIgnoredByGetAndQueryAndMissingForEveryWrite() {
        // GIVEN an item of type Other stored raw where alice's todo "shadow" would live, and one real todo
        Map<String, AttributeValue> other = new HashMap<>(Map.of(
                "PK", s("USER#alice"), "SK", s("TODO#shadow"),
                "GSI1PK", s("USER#alice"), "GSI1SK", s("DONE#false#shadow"),
                "_type", s("Other"), "id", s("shadow"), "ownerId", s("alice"), "title", s("not a todo"),
                "done", AttributeValue.fromBool(false), "version", n("1")));
        client.putItem(r -> r.tableName(tableName).item(other));
        Todo real = todos.create(ALICE, new Todo(null, "real", "a todo", false, null, null, null, null));

        // WHEN the todo repository reads and writes that key
        Optional<Todo> read = todos.get(ALICE, "shadow");
        Page<Todo> listed = todos.query(ALICE, Query.table().build());
        Page<Todo> open = todos.query(ALICE, doneQuery(false).build());

        // THEN reads skip it
        assertThat(read).isEmpty();
        assertThat(listed.items()).containsExactly(real);
        assertThat(open.items()).containsExactly(real);
        // AND every write reports it missing (not a version conflict), and leaves it untouched
        assertThatThrownBy(() -> todos.patch(ALICE, "shadow", Map.of("title", "taken over")))
                .isInstanceOf(ItemNotFoundException.class).hasMessage("Todo not found");
        assertThatThrownBy(() -> todos.patch(ALICE, "shadow", Map.of("title", "taken over"), 1))
                .isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> todos.patch(ALICE, "shadow", Map.of("title", "taken over"), 7))
                .isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> todos.replace(ALICE, new Todo(null, "shadow", "taken over", true, null, null, null,
                null))).isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> todos.replace(ALICE, new Todo(null, "shadow", "taken over", true, null, null, null,
                null), 1)).isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> todos.delete(ALICE, "shadow")).isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> todos.delete(ALICE, "shadow", 1)).isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> todos.create(ALICE, new Todo(null, "shadow", "taken over", false, null, null, null,
                null))).isInstanceOf(ItemAlreadyExistsException.class);
        assertThat(rawTodo("alice", "shadow")).containsExactlyInAnyOrderEntriesOf(other);
    }

    @Test
    void itemOfAnotherTypeUnderAUsersKey_isMissingForTheUserRepository() {
        // GIVEN an item of type Other stored raw at a user's key (users have unique attributes: read, then write)
        Map<String, AttributeValue> other = Map.of("PK", s("USER#u-1"), "SK", s("PROFILE"), "_type", s("Other"),
                "id", s("u-1"), "email", s("a@example.com"), "name", s("Ann"), "version", n("1"));
        client.putItem(r -> r.tableName(tableName).item(other));

        // WHEN the user repository reads and writes it
        Optional<User> read = users.get(Scope.unscoped(), "u-1");

        // THEN it does not exist as a user, and writes leave it untouched
        assertThat(read).isEmpty();
        assertThatThrownBy(() -> users.patch(Scope.unscoped(), "u-1", Map.of("email", "b@example.com"), 1))
                .isInstanceOf(ItemNotFoundException.class).hasMessage("User not found");
        assertThatThrownBy(() -> users.patch(Scope.unscoped(), "u-1", Map.of("name", "Bea"), 1))
                .isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> users.replace(Scope.unscoped(), new User("u-1", "b@example.com", "Bea", null, null,
                null, null))).isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> users.delete(Scope.unscoped(), "u-1")).isInstanceOf(ItemNotFoundException.class);
        assertThat(scanAll()).containsExactly(other);
    }

    // ---------------------------------------------------------------- query

    @Test
    void queryTable_returnsOnlyTheOwnersTodosInIdOrder() {
        // GIVEN three todos of alice created out of order, one of bob, and a user and a thing in the table
        Todo c = todos.create(ALICE, new Todo(null, "c", "third", false, null, null, null, null));
        Todo a = todos.create(ALICE, new Todo(null, "a", "first", true, null, null, null, null));
        Todo b = todos.create(ALICE, new Todo(null, "b", "second", false, null, null, null, null));
        todos.create(BOB, new Todo(null, "a", "bob's", false, null, null, null, null));
        users.create(Scope.unscoped(), new User("alice", "alice@example.com", "Alice", null, null, null, null));
        things.create(Scope.unscoped(), minimalThing("alice", "thing"));

        // WHEN alice lists her todos, both ways
        Page<Todo> ascending = todos.query(ALICE, Query.table().build());
        Page<Todo> descending = todos.query(ALICE, Query.table().descending().build());

        // THEN she gets exactly hers, by id, on one page
        assertThat(ascending.items()).containsExactly(a, b, c);
        assertThat(ascending.nextCursor()).isEmpty();
        assertThat(descending.items()).containsExactly(c, b, a);
        assertThat(descending.nextCursor()).isEmpty();
    }

    @Test
    void queryGsi1_withADoneCondition_returnsOnlyTodosInThatState() {
        // GIVEN alice's todos in both states and bob's done todo
        Todo a = todos.create(ALICE, new Todo(null, "a", "open a", false, null, null, null, null));
        Todo b = todos.create(ALICE, new Todo(null, "b", "done b", true, null, null, null, null));
        Todo c = todos.create(ALICE, new Todo(null, "c", "open c", false, null, null, null, null));
        Todo d = todos.create(ALICE, new Todo(null, "d", "done d", true, null, null, null, null));
        todos.create(BOB, new Todo(null, "e", "bob's", true, null, null, null, null));

        // WHEN she queries GSI1 by done state
        Page<Todo> done = todos.query(ALICE, doneQuery(true).build());
        Page<Todo> open = todos.query(ALICE, doneQuery(false).build());
        Page<Todo> all = todos.query(ALICE, Query.index("GSI1").build());
        Page<Todo> exact = todos.query(ALICE, Query.index("GSI1")
                .sortKey(SortKeyCondition.equalTo(Map.of("done", true, "id", "d"))).build());

        // THEN each holds exactly the matching todos in id order
        assertThat(done.items()).containsExactly(b, d);
        assertThat(open.items()).containsExactly(a, c);
        assertThat(all.items()).containsExactly(a, c, b, d);
        assertThat(exact.items()).containsExactly(d);
    }

    @Test
    void queryTable_withASortKeyRange_returnsTheTodosInIt() {
        // GIVEN four todos
        for (String id : List.of("a", "b", "c", "d")) {
            todos.create(ALICE, new Todo(null, id, "todo " + id, false, null, null, null, null));
        }

        // WHEN alice asks for ids b to c and for ids after b
        Page<Todo> between = todos.query(ALICE, Query.table()
                .sortKey(SortKeyCondition.between(Map.of("id", "b"), Map.of("id", "c"))).build());
        Page<Todo> after = todos.query(ALICE, Query.table()
                .sortKey(SortKeyCondition.compare(SortKeyCondition.Operator.GREATER_THAN, Map.of("id", "b")))
                .build());

        // THEN she gets exactly those
        assertThat(between.items()).extracting(Todo::id).containsExactly("b", "c");
        assertThat(after.items()).extracting(Todo::id).containsExactly("c", "d");
    }

    // ---------------------------------------------------------------- replace

    @Test
    void replace_existingTodo_incrementsVersionKeepsCreatedAtSetsUpdatedAtAndRemovesANullDueDate() {
        // GIVEN a todo with a due date, created at T0
        Todo created = todos.create(ALICE, new Todo(null, null, "Draft", false, LocalDate.of(2024, 6, 1), null, null,
                null));
        clock.set(T1);

        // WHEN it is replaced at T1 without a due date (and with forged managed values)
        Instant forged = Instant.parse("1999-01-01T00:00:00Z");
        Todo replaced = todos.replace(ALICE, new Todo("mallory", created.id(), "Final", true, null, 99L, forged,
                forged));

        // THEN version is 2, createdAt is kept, updatedAt is T1, the due date is gone
        Todo expected = new Todo("alice", created.id(), "Final", true, null, 2L, T0, T1);
        assertThat(replaced).isEqualTo(expected);
        assertThat(todos.get(ALICE, created.id())).contains(expected);
        Map<String, AttributeValue> raw = rawTodo("alice", created.id());
        assertThat(raw).doesNotContainKey("dueDate")
                .containsEntry("GSI1SK", s("DONE#true#" + created.id()))
                .containsEntry("version", n("2"))
                .containsEntry("createdAt", s("2024-05-01T10:00:00.123Z"))
                .containsEntry("updatedAt", s("2024-05-01T10:05:30.456Z"));
        assertThat(todos.query(ALICE, doneQuery(true).build()).items()).containsExactly(expected);
        assertThat(todos.query(ALICE, doneQuery(false).build()).items()).isEmpty();
    }

    @Test
    void replace_withTheCurrentExpectedVersion_succeeds() {
        // GIVEN a todo at version 1
        Todo created = todos.create(ALICE, Todo.of("Draft"));
        clock.set(T1);

        // WHEN it is replaced expecting version 1
        Todo replaced = todos.replace(ALICE, new Todo(null, created.id(), "Final", false, null, null, null, null), 1);

        // THEN it is stored at version 2
        assertThat(replaced).isEqualTo(new Todo("alice", created.id(), "Final", false, null, 2L, T0, T1));
        assertThat(todos.get(ALICE, created.id())).contains(replaced);
    }

    @Test
    void replace_withAStaleExpectedVersion_throwsVersionConflictAndChangesNothing() {
        // GIVEN a todo changed once, so at version 2
        Todo created = todos.create(ALICE, Todo.of("Draft"));
        Todo current = todos.patch(ALICE, created.id(), Map.of("title", "Second"), 1);

        // WHEN a replace expects version 1
        VersionConflictException thrown = catchThrowableOfType(VersionConflictException.class,
                () -> todos.replace(ALICE, new Todo(null, created.id(), "Stale", true, null, null, null, null), 1));

        // THEN it is refused with 412 and the item is unchanged
        assertThat(thrown).isNotNull().hasMessage("Todo was changed by another request; read it again and retry");
        assertThat(thrown.status()).isEqualTo(412);
        assertThat(todos.get(ALICE, created.id())).contains(current);
    }

    @Test
    void replace_missingId_throwsItemNotFoundAndWritesNothing() {
        // GIVEN an empty table

        // WHEN a todo that does not exist is replaced, with and without a version
        ItemNotFoundException thrown = catchThrowableOfType(ItemNotFoundException.class,
                () -> todos.replace(ALICE, new Todo(null, "missing", "Ghost", false, null, null, null, null)));

        // THEN it is not found (404) and nothing is created
        assertThat(thrown).isNotNull().hasMessage("Todo not found");
        assertThat(thrown.status()).isEqualTo(404);
        assertThatThrownBy(() -> todos.replace(ALICE, new Todo(null, "missing", "Ghost", false, null, null, null,
                null), 1)).isInstanceOf(ItemNotFoundException.class);
        assertThat(scanAll()).isEmpty();
    }

    // ---------------------------------------------------------------- patch

    @Test
    void patch_done_movesTheTodoBetweenGsi1Results() {
        // GIVEN two open todos
        Todo a = todos.create(ALICE, new Todo(null, "a", "A", false, null, null, null, null));
        Todo b = todos.create(ALICE, new Todo(null, "b", "B", false, null, null, null, null));
        clock.set(T1);

        // WHEN a is marked done
        Todo patched = todos.patch(ALICE, "a", Map.of("done", true), 1);

        // THEN it is at version 2, updated at T1, and listed as done only
        Todo expected = new Todo("alice", "a", "A", true, null, 2L, T0, T1);
        assertThat(patched).isEqualTo(expected);
        assertThat(todos.query(ALICE, doneQuery(true).build()).items()).containsExactly(expected);
        assertThat(todos.query(ALICE, doneQuery(false).build()).items()).containsExactly(b);
        assertThat(rawTodo("alice", "a")).containsEntry("GSI1SK", s("DONE#true#a"));
        assertThat(a.done()).isFalse();
    }

    @Test
    void patch_nullDueDate_removesTheAttribute() {
        // GIVEN a todo with a due date
        Todo created = todos.create(ALICE, new Todo(null, "t", "Pay", false, LocalDate.of(2024, 6, 1), null, null,
                null));
        clock.set(T1);

        // WHEN its due date is patched to null
        Todo patched = todos.patch(ALICE, "t", changes("dueDate", null));

        // THEN the due date is gone from the item and the rest is kept
        Todo expected = new Todo("alice", "t", "Pay", false, null, 2L, T0, T1);
        assertThat(patched).isEqualTo(expected);
        assertThat(todos.get(ALICE, "t")).contains(expected);
        assertThat(rawTodo("alice", "t")).doesNotContainKey("dueDate").containsEntry("title", s("Pay"));
        assertThat(created.dueDate()).isEqualTo(LocalDate.of(2024, 6, 1));
    }

    @Test
    void patch_nullForThePrimitiveDone_isRefusedAndKeepsTheTodoIndexedUnderItsState() {
        // GIVEN a done todo
        Todo created = todos.create(ALICE, new Todo(null, "t", "Pay", true, null, null, null, null));

        // WHEN done, a primitive the record cannot hold null in, is patched to null
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> todos.patch(ALICE, "t", changes("done", null)));

        // THEN it is refused, rather than removing the attribute and, with it, the todo's GSI1 keys while reads go on
        // reporting done = false
        assertThat(thrown).isNotNull();
        assertThat(thrown.violations()).containsExactly(new Violation("done", "must not be null"));
        assertThat(todos.get(ALICE, "t")).contains(created);
        assertThat(todos.query(ALICE, doneQuery(true).build()).items()).containsExactly(created);
        assertThat(rawTodo("alice", "t")).containsEntry("done", AttributeValue.fromBool(true))
                .containsEntry("GSI1SK", s("DONE#true#t"));
    }

    @Test
    void patch_withAStaleExpectedVersion_throwsVersionConflictAndChangesNothing() {
        // GIVEN a todo at version 2
        Todo created = todos.create(ALICE, Todo.of("Draft"));
        Todo current = todos.patch(ALICE, created.id(), Map.of("title", "Second"), 1);

        // WHEN a patch expects version 1
        Throwable thrown = catchThrowableOfType(VersionConflictException.class,
                () -> todos.patch(ALICE, created.id(), Map.of("done", true), 1));

        // THEN it is refused and nothing changes, not even the index
        assertThat(thrown).isNotNull();
        assertThat(todos.get(ALICE, created.id())).contains(current);
        assertThat(current.version()).isEqualTo(2L);
        assertThat(todos.query(ALICE, doneQuery(true).build()).items()).isEmpty();
    }

    @Test
    void patch_missingId_throwsItemNotFoundAndWritesNothing() {
        // GIVEN an empty table

        // WHEN a missing todo is patched, with and without a version
        Throwable thrown = catchThrowableOfType(ItemNotFoundException.class,
                () -> todos.patch(ALICE, "missing", Map.of("done", true)));

        // THEN it is not found and no item is created by the update
        assertThat(thrown).isNotNull().hasMessage("Todo not found");
        assertThatThrownBy(() -> todos.patch(ALICE, "missing", Map.of("done", true), 1))
                .isInstanceOf(ItemNotFoundException.class);
        assertThat(scanAll()).isEmpty();
    }

    // ---------------------------------------------------------------- delete

    @Test
    void delete_thenGet_isEmpty_andDeletingAgainThrowsItemNotFound() {
        // GIVEN a todo
        Todo created = todos.create(ALICE, Todo.of("Temporary"));

        // WHEN it is deleted
        todos.delete(ALICE, created.id());

        // THEN it is gone, and a second delete reports it missing
        assertThat(todos.get(ALICE, created.id())).isEmpty();
        assertThat(scanAll()).isEmpty();
        assertThatThrownBy(() -> todos.delete(ALICE, created.id()))
                .isInstanceOf(ItemNotFoundException.class).hasMessage("Todo not found");
        assertThatThrownBy(() -> todos.delete(ALICE, created.id(), 1)).isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void delete_withTheCurrentExpectedVersion_deletes() {
        // GIVEN a todo at version 2
        Todo created = todos.create(ALICE, Todo.of("Temporary"));
        todos.patch(ALICE, created.id(), Map.of("done", true));

        // WHEN it is deleted expecting version 2
        todos.delete(ALICE, created.id(), 2);

        // THEN it is gone
        assertThat(todos.get(ALICE, created.id())).isEmpty();
        assertThat(scanAll()).isEmpty();
    }

    @Test
    void delete_withAStaleExpectedVersion_throwsVersionConflictAndKeepsTheItem() {
        // GIVEN a todo at version 2
        Todo created = todos.create(ALICE, Todo.of("Keep me"));
        Todo current = todos.patch(ALICE, created.id(), Map.of("done", true));

        // WHEN a delete expects version 1
        Throwable thrown = catchThrowableOfType(VersionConflictException.class,
                () -> todos.delete(ALICE, created.id(), 1));

        // THEN it is refused and the todo remains
        assertThat(thrown).isNotNull();
        assertThat(todos.get(ALICE, created.id())).contains(current);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void create_withABlankTitle_throwsValidationAndWritesNothing() {
        // GIVEN a todo with a blank title

        // WHEN it is created
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> todos.create(ALICE, Todo.of("  ")));

        // THEN it is refused with 422 naming the field, and nothing is written
        assertThat(thrown).isNotNull();
        assertThat(thrown.status()).isEqualTo(422);
        assertThat(thrown.violations()).containsExactly(new Violation("title", "must not be blank"));
        assertThat(scanAll()).isEmpty();
    }

    @Test
    void create_withATooLongTitle_throwsValidationAndWritesNothing() {
        // GIVEN a todo with a 201-character title

        // WHEN it is created
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> todos.create(ALICE, Todo.of("x".repeat(201))));

        // THEN the size rule is reported
        assertThat(thrown).isNotNull();
        assertThat(thrown.violations()).containsExactly(new Violation("title", "size must be between 0 and 200"));
        assertThat(scanAll()).isEmpty();
    }

    @Test
    void create_userWithAnInvalidEmailAndBlankName_reportsBothViolationsSortedByField() {
        // GIVEN a user breaking two rules

        // WHEN it is created
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> users.create(Scope.unscoped(), User.of("not-an-email", "")));

        // THEN both are reported, and neither the user nor a guard is written
        assertThat(thrown).isNotNull();
        assertThat(thrown.violations()).containsExactly(
                new Violation("email", "must be a well-formed email address"),
                new Violation("name", "must not be blank"));
        assertThat(scanAll()).isEmpty();
    }

    @Test
    void patch_withInvalidOrManagedChanges_throwsValidationAndChangesNothing() {
        // GIVEN a todo
        Todo created = todos.create(ALICE, new Todo(null, "t", "Valid", false, null, null, null, null));

        // WHEN patches break a constraint or touch key and managed attributes
        ValidationException blank = catchThrowableOfType(ValidationException.class,
                () -> todos.patch(ALICE, "t", Map.of("title", "")));
        ValidationException nullTitle = catchThrowableOfType(ValidationException.class,
                () -> todos.patch(ALICE, "t", changes("title", null)));
        ValidationException managed = catchThrowableOfType(ValidationException.class,
                () -> todos.patch(ALICE, "t", Map.of(
                        "id", "other", "ownerId", "bob", "version", 5L, "createdAt", T1, "updatedAt", T1)));

        // THEN each is refused with its violations, and the todo is unchanged
        assertThat(blank).isNotNull();
        assertThat(blank.violations()).containsExactly(new Violation("title", "must not be blank"));
        assertThat(nullTitle).isNotNull();
        assertThat(nullTitle.violations()).containsExactly(new Violation("title", "must not be blank"));
        assertThat(managed).isNotNull();
        assertThat(managed.violations()).containsExactlyInAnyOrder(
                new Violation("id", "cannot be changed"),
                new Violation("ownerId", "cannot be changed"),
                new Violation("version", "cannot be changed"),
                new Violation("createdAt", "cannot be changed"),
                new Violation("updatedAt", "cannot be changed"));
        assertThat(todos.get(ALICE, "t")).contains(created);
        assertThat(scanAll()).hasSize(1);
    }

    @Test
    void replace_withABlankTitle_throwsValidationAndChangesNothing() {
        // GIVEN a todo
        Todo created = todos.create(ALICE, new Todo(null, "t", "Valid", false, null, null, null, null));

        // WHEN it is replaced with a blank title
        ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> todos.replace(ALICE,
                new Todo(null, "t", "", true, null, null, null, null)));

        // THEN it is refused and unchanged
        assertThat(thrown).isNotNull();
        assertThat(thrown.violations()).containsExactly(new Violation("title", "must not be blank"));
        assertThat(todos.get(ALICE, "t")).contains(created);
    }

    // ---------------------------------------------------------------- every attribute type

    @Test
    void everything_roundTripsEveryAttributeTypeThroughTheTable() {
        // GIVEN a record with a value in every component
        Everything full = fullThing("thing-1");

        // WHEN it is created, read, and listed
        Everything created = things.create(Scope.unscoped(), full);
        Optional<Everything> read = things.get(Scope.unscoped(), "thing-1");
        Page<Everything> listed = things.query(Scope.unscoped(), Query.table().partition("id", "thing-1").build());

        // THEN each read gives back the same record
        assertThat(created).isEqualTo(full);
        assertThat(read).contains(full);
        assertThat(listed.items()).containsExactly(full);
        // AND each type is stored as its DynamoDB type
        Map<String, AttributeValue> raw = rawItem("THING#thing-1", "THING");
        assertThat(raw.keySet()).containsExactlyInAnyOrder("PK", "SK", "_type", "id", "text", "flag", "boxedFlag",
                "count", "big", "boxedCount", "boxedBig", "amount", "at", "day", "color", "tags", "labels",
                "attributes", "address", "expiresAt");
        assertThat(raw).containsEntry("_type", s("Everything"))
                .containsEntry("text", s("Grüße ✓ \"quoted\""))
                .containsEntry("flag", AttributeValue.fromBool(true))
                .containsEntry("boxedFlag", AttributeValue.fromBool(false))
                .containsEntry("count", n("-42"))
                .containsEntry("big", n("9000000000"))
                .containsEntry("boxedCount", n("7"))
                .containsEntry("boxedBig", n("-3"))
                .containsEntry("amount", n("1234.5678"))
                .containsEntry("at", s("2024-05-01T10:00:00.123456789Z"))
                .containsEntry("day", s("2024-02-29"))
                .containsEntry("color", s("GREEN"))
                .containsEntry("tags", AttributeValue.fromL(List.of(s("b"), s("a"), s("b"))))
                .containsEntry("attributes", AttributeValue.fromM(Map.of("k1", s("v1"), "k2", s(""))))
                .containsEntry("address", AttributeValue.fromM(Map.of("street", s("1 Main St"),
                        "city", s("Springfield"))))
                .containsEntry("expiresAt", n("1893456000"));
        assertThat(raw.get("labels").ss()).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void everything_roundTripsNullsAndEmptyCollections() {
        // GIVEN a record with nulls, zero primitives and empty collections
        Everything sparse = new Everything("thing-2", null, false, null, 0, 0L, null, null, null, null, null, null,
                List.of(), Set.of(), Map.of(), null, null);

        // WHEN it is created and read
        Everything created = things.create(Scope.unscoped(), sparse);
        Optional<Everything> read = things.get(Scope.unscoped(), "thing-2");

        // THEN it reads back equal, and nulls and the empty set are not stored
        assertThat(created).isEqualTo(sparse);
        assertThat(read).contains(sparse);
        assertThat(rawItem("THING#thing-2", "THING").keySet()).doesNotContain("text", "boxedFlag", "boxedCount",
                "boxedBig", "amount", "at", "day", "color", "labels", "address", "expiresAt");
    }

    @Test
    void everything_patchOfCollectionsNestedRecordAndTtl_isStoredAndReadBack() {
        // GIVEN a full thing
        things.create(Scope.unscoped(), fullThing("thing-3"));

        // WHEN collections, the nested record and the TTL are patched, and the enum removed
        Everything patched = things.patch(Scope.unscoped(), "thing-3", changes(
                "tags", List.of("z"),
                "labels", Set.of(),
                "address", new Everything.Address("2 Elm St", null),
                "expiresAt", Instant.parse("2031-01-01T00:00:00Z"),
                "color", null));

        // THEN the returned and the stored record carry the new values
        Everything expected = new Everything("thing-3", "Grüße ✓ \"quoted\"", true, false, -42, 9_000_000_000L, 7,
                -3L, new BigDecimal("1234.5678"), Instant.parse("2024-05-01T10:00:00.123456789Z"),
                LocalDate.of(2024, 2, 29), null, List.of("z"), Set.of(), Map.of("k1", "v1", "k2", ""),
                new Everything.Address("2 Elm St", null),
                Instant.parse("2031-01-01T00:00:00Z"));
        assertThat(patched).isEqualTo(expected);
        assertThat(things.get(Scope.unscoped(), "thing-3")).contains(expected);
        assertThat(rawItem("THING#thing-3", "THING")).containsEntry("expiresAt", n("1924992000"))
                .doesNotContainKeys("color", "labels");
    }

    @Test
    void create_returnsTheItemAsStored_evenForASubSecondTtl() {
        // GIVEN a thing whose TTL has milliseconds, which the epoch-seconds TTL attribute cannot hold
        Everything thing = new Everything("thing-4", "ttl", false, null, 0, 0L, null, null, null, null, null, null,
                List.of(), Set.of(), Map.of(), null, Instant.parse("2030-01-01T00:00:00.750Z"));

        // WHEN it is created and read back
        Everything created = things.create(Scope.unscoped(), thing);
        Optional<Everything> read = things.get(Scope.unscoped(), "thing-4");

        // THEN create returned what a read returns (its Javadoc: "@return the item as stored")
        assertThat(read).map(Everything::expiresAt).contains(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(read).contains(created);
    }

    @Test
    void create_returnsTheItemAsStored_evenForADecimalWithTrailingZeros() {
        // GIVEN a thing whose amount has a trailing zero, which DynamoDB does not keep
        Everything thing = new Everything("thing-5", "decimal", false, null, 0, 0L, null, null,
                new BigDecimal("12.50"), null, null, null, List.of(), Set.of(), Map.of(), null, null);

        // WHEN it is created and read back
        Everything created = things.create(Scope.unscoped(), thing);
        Optional<Everything> read = things.get(Scope.unscoped(), "thing-5");

        // THEN create returned what a read returns
        assertThat(rawItem("THING#thing-5", "THING")).containsEntry("amount", n("12.5"));
        assertThat(read).map(Everything::amount).contains(new BigDecimal("12.5"));
        assertThat(read).contains(created);
    }

    // ---------------------------------------------------------------- cursors

    @Test
    void query_withTheNextCursor_continuesAfterThePreviousPage() {
        // GIVEN three todos
        threeTodos();

        // WHEN the table is read one todo per page
        Page<Todo> first = todos.query(ALICE, Query.table().limit(1).build());
        Page<Todo> second = todos.query(ALICE, Query.table().limit(1).cursor(first.nextCursor().orElseThrow()).build());

        // THEN the second page holds the second todo
        assertThat(first.items()).extracting(Todo::id).containsExactly("a");
        assertThat(second.items()).extracting(Todo::id).containsExactly("b");
        assertThat(second.nextCursor()).isPresent();
    }

    @Test
    void query_withACursorOfAnotherQuery_throwsInvalidCursor() {
        // GIVEN a cursor of alice's table query
        threeTodos();
        todos.create(BOB, new Todo(null, "a", "bob's", false, null, null, null, null));
        String cursor = todos.query(ALICE, Query.table().limit(1).build()).nextCursor().orElseThrow();

        // WHEN it is used with other queries: an index, the other direction, another owner, another condition
        List<Query> others = List.of(
                doneQuery(false).limit(1).cursor(cursor).build(),
                Query.index("GSI1").limit(1).cursor(cursor).build(),
                Query.table().descending().limit(1).cursor(cursor).build(),
                Query.table().sortKey(SortKeyCondition.compare(SortKeyCondition.Operator.GREATER_THAN,
                        Map.of("id", "0"))).limit(1).cursor(cursor).build());

        // THEN each is refused with 400
        for (Query other : others) {
            InvalidCursorException thrown = catchThrowableOfType(InvalidCursorException.class,
                    () -> todos.query(ALICE, other));
            assertThat(thrown).isNotNull().hasMessage("cursor is invalid or belongs to another query");
            assertThat(thrown.status()).isEqualTo(400);
        }
        assertThatThrownBy(() -> todos.query(BOB, Query.table().limit(1).cursor(cursor).build()))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> things.query(Scope.unscoped(), Query.table().partition("id", "a").cursor(cursor)
                .build())).isInstanceOf(InvalidCursorException.class);
        // AND the cursor still works with its own query
        assertThat(todos.query(ALICE, Query.table().limit(1).cursor(cursor).build()).items())
                .extracting(Todo::id).containsExactly("b");
    }

    @Test
    void query_withATamperedUnsignedCursor_throwsInvalidCursor() {
        // GIVEN a valid unsigned cursor
        threeTodos();
        String cursor = todos.query(ALICE, Query.table().limit(1).build()).nextCursor().orElseThrow();
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);

        // WHEN it is truncated, extended, garbled or has its format or query binding altered
        List<String> tampered = new ArrayList<>(List.of(
                cursor.substring(0, cursor.length() - 1),
                cursor.substring(0, cursor.length() / 2),
                cursor + "A",
                cursor + "AAAA",
                cursor.replace(cursor.charAt(0), cursor.charAt(0) == 'x' ? 'y' : 'x'),
                "not a cursor!",
                "",
                "A".repeat(5000),
                encode("{\"PK\":\"USER#bob\"}".getBytes(StandardCharsets.UTF_8))));
        for (int position = 0; position <= 9; position++) {
            tampered.add(encode(flip(bytes, position)));
        }

        // THEN every one is refused
        for (String bad : tampered) {
            assertThatThrownBy(() -> todos.query(ALICE, Query.table().limit(1).cursor(bad).build()))
                    .as("cursor %s", bad.length() > 80 ? bad.substring(0, 80) + "..." : bad)
                    .isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void query_withASignedCursorAlteredInAnyByte_throwsInvalidCursor() {
        // GIVEN a cursor signed with a secret
        threeTodos();
        SingleTable signed = SingleTable.builder().client(client).tableName(tableName).clock(clock)
                .cursorSecret("0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8)).build();
        EntityRepository<Todo> signedTodos = signed.repository(Todo.ENTITY);
        String cursor = signedTodos.query(ALICE, Query.table().limit(1).build()).nextCursor().orElseThrow();
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        String unsigned = todos.query(ALICE, Query.table().limit(1).build()).nextCursor().orElseThrow();

        // WHEN any one byte of it is altered
        for (int position = 0; position < bytes.length; position++) {
            String bad = encode(flip(bytes, position));

            // THEN it is refused
            assertThatThrownBy(() -> signedTodos.query(ALICE, Query.table().limit(1).cursor(bad).build()))
                    .as("byte %d", position).isInstanceOf(InvalidCursorException.class);
        }
        // AND unsigned cursors are not accepted where signed ones are expected, nor the other way round
        assertThatThrownBy(() -> signedTodos.query(ALICE, Query.table().limit(1).cursor(unsigned).build()))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> todos.query(ALICE, Query.table().limit(1).cursor(cursor).build()))
                .isInstanceOf(InvalidCursorException.class);
        // AND the untouched cursor works
        assertThat(signedTodos.query(ALICE, Query.table().limit(1).cursor(cursor).build()).items())
                .extracting(Todo::id).containsExactly("b");
    }

    // ---------------------------------------------------------------- helpers

    private void threeTodos() {
        for (String id : List.of("a", "b", "c")) {
            todos.create(ALICE, new Todo(null, id, "todo " + id, false, null, null, null, null));
        }
    }

    private static Query.Builder doneQuery(boolean done) {
        return Query.index("GSI1").sortKey(SortKeyCondition.beginsWith(Map.of("done", done)));
    }

    private static Everything minimalThing(String id, String text) {
        return new Everything(id, text, false, null, 0, 0L, null, null, null, null, null, null, List.of(), Set.of(),
                Map.of(), null, null);
    }

    private static Everything fullThing(String id) {
        return new Everything(id, "Grüße ✓ \"quoted\"", true, Boolean.FALSE, -42, 9_000_000_000L, 7, -3L,
                new BigDecimal("1234.5678"), Instant.parse("2024-05-01T10:00:00.123456789Z"), LocalDate.of(2024, 2, 29),
                Everything.Color.GREEN, List.of("b", "a", "b"), Set.of("x", "y"), Map.of("k1", "v1", "k2", ""),
                new Everything.Address("1 Main St", "Springfield"), Instant.parse("2030-01-01T00:00:00Z"));
    }

    private Map<String, AttributeValue> rawTodo(String owner, String id) {
        return rawItem("USER#" + owner, "TODO#" + id);
    }

    private Map<String, AttributeValue> rawItem(String pk, String sk) {
        return client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(Map.of("PK", s(pk), "SK", s(sk)))).item();
    }

    private List<Map<String, AttributeValue>> scanAll() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(r -> r.tableName(tableName).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    private static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> item = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }

    private static Map<String, Object> changes(Object... namesAndValues) {
        Map<String, Object> changes = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            changes.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return changes;
    }

    private static long ulidMillis(String ulid) {
        long millis = 0;
        for (char c : ulid.substring(0, 10).toCharArray()) {
            millis = millis * 32 + ULID_ALPHABET.indexOf(c);
        }
        return millis;
    }

    private static byte[] flip(byte[] bytes, int position) {
        byte[] copy = bytes.clone();
        copy[position] ^= 0x01;
        return copy;
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    /** A clock the test moves by hand, so creates and updates get different, known times. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
