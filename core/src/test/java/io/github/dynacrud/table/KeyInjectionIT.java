package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dynacrud.InvalidCursorException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Key parts that could forge another key are refused before anything is written, and an owner never reaches another
 * owner's items, even when one owner id is a prefix of the other.
 */
class KeyInjectionIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final Scope ALICE = Scope.owner("alice");

    private DynamoDbClient client;
    private String tableName;
    private EntityRepository<Todo> todos;
    private EntityRepository<User> users;
    private EntityRepository<Everything> things;
    /** Alice's todo "victim", present in every test so a forged key has something to reach. */
    private Todo victim;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        this.client = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("injection");
        LocalTable.create(client, tableName, Todo.ENTITY, User.ENTITY, Everything.ENTITY);
        SingleTable table = SingleTable.builder().client(client).tableName(tableName).build();
        todos = table.repository(Todo.ENTITY);
        users = table.repository(User.ENTITY);
        things = table.repository(Everything.ENTITY);
        victim = todos.create(ALICE, new Todo(null, "victim", "Alice's secret", false, null, null, null, null));
    }

    static Stream<Arguments> forgingValues() {
        return Stream.of(
                Arguments.of("a#b", "must not contain '#'"),
                Arguments.of("#", "must not contain '#'"),
                Arguments.of("victim#x", "must not contain '#'"),
                Arguments.of("alice#TODO#victim", "must not contain '#'"),
                Arguments.of("", "must not be empty"),
                Arguments.of("x".repeat(2048), "must be at most 256 bytes in UTF-8"),
                Arguments.of("#".repeat(2048), "must be at most 256 bytes in UTF-8"),
                Arguments.of("\u00e9".repeat(129), "must be at most 256 bytes in UTF-8"),
                Arguments.of("\u20ac".repeat(86), "must be at most 256 bytes in UTF-8"));
    }

    @ParameterizedTest(name = "[{index}] id of {0} characters")
    @MethodSource("forgingValues")
    void forgingId_isRefusedByEveryOperation_andNothingIsWritten(String id, String message) {
        // GIVEN a table holding alice's todo
        List<Map<String, AttributeValue>> before = scanAll();
        Violation expected = new Violation("id", message);

        // WHEN each operation is called with the forging id
        // THEN each is refused naming the id, and the table is unchanged
        assertRefused(() -> todos.create(ALICE, new Todo(null, id, "Forged", false, null, null, null, null)), expected);
        assertRefused(() -> todos.get(ALICE, id), expected);
        assertRefused(() -> todos.replace(ALICE, new Todo(null, id, "Forged", true, null, null, null, null)),
                expected);
        assertRefused(() -> todos.replace(ALICE, new Todo(null, id, "Forged", true, null, null, null, null), 1),
                expected);
        assertRefused(() -> todos.patch(ALICE, id, Map.of("title", "Forged")), expected);
        assertRefused(() -> todos.patch(ALICE, id, Map.of("done", true), 1), expected);
        assertRefused(() -> todos.delete(ALICE, id), expected);
        assertRefused(() -> todos.delete(ALICE, id, 1), expected);
        assertRefused(() -> todos.query(ALICE, Query.table().sortKey(SortKeyCondition.equalTo(Map.of("id", id)))
                .build()), expected);
        assertRefused(() -> todos.query(ALICE, Query.table().sortKey(SortKeyCondition.compare(
                SortKeyCondition.Operator.GREATER_THAN, Map.of("id", id))).build()), expected);
        assertRefused(() -> todos.query(ALICE, Query.index("GSI1").sortKey(SortKeyCondition.beginsWith(
                Map.of("done", false, "id", id))).build()), expected);
        assertRefused(() -> things.create(Scope.unscoped(), thing(id)), expected);
        assertRefused(() -> things.get(Scope.unscoped(), id), expected);
        assertRefused(() -> things.query(Scope.unscoped(), Query.table().partition("id", id).build()), expected);
        assertRefused(() -> users.get(Scope.unscoped(), id), expected);
        assertRefused(() -> users.patch(Scope.unscoped(), id, Map.of("email", "x@example.com")), expected);
        assertRefused(() -> users.delete(Scope.unscoped(), id), expected);
        assertThat(scanAll()).containsExactlyInAnyOrderElementsOf(before);
    }

    @ParameterizedTest(name = "[{index}] owner of {0} characters")
    @MethodSource("forgingValues")
    void forgingOwner_isRefusedByEveryOperation_andNothingIsWritten(String owner, String message) {
        // GIVEN a table holding alice's todo, and a caller whose owner id could forge a key
        List<Map<String, AttributeValue>> before = scanAll();
        Scope forged = Scope.owner(owner);
        Violation expected = new Violation("ownerId", message);

        // WHEN each operation is called in that caller's scope
        // THEN each is refused naming the owner, and the table is unchanged
        assertRefused(() -> todos.create(forged, Todo.of("Forged")), expected);
        assertRefused(() -> todos.create(forged, new Todo(null, "victim", "Forged", false, null, null, null, null)),
                expected);
        assertRefused(() -> todos.get(forged, "victim"), expected);
        assertRefused(() -> todos.replace(forged, new Todo(null, "victim", "Forged", true, null, null, null, null)),
                expected);
        assertRefused(() -> todos.patch(forged, "victim", Map.of("title", "Forged")), expected);
        assertRefused(() -> todos.patch(forged, "victim", Map.of("done", true), 1), expected);
        assertRefused(() -> todos.delete(forged, "victim"), expected);
        assertRefused(() -> todos.delete(forged, "victim", 1), expected);
        assertRefused(() -> todos.query(forged, Query.table().build()), expected);
        assertRefused(() -> todos.query(forged, Query.index("GSI1").build()), expected);
        assertRefused(() -> todos.query(forged, Query.index("GSI1")
                .sortKey(SortKeyCondition.beginsWith(Map.of("done", false))).build()), expected);
        assertThat(scanAll()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(todos.get(ALICE, "victim")).contains(victim);
    }

    @Test
    void forgingEmail_isRefusedOnCreateAndPatch_andNothingIsWritten() {
        // GIVEN a user, and emails a guard or GSI1 key could be forged with
        User ann = users.create(Scope.unscoped(), User.of("ann@example.com", "Ann"));
        List<Map<String, AttributeValue>> before = scanAll();

        // WHEN a user is created or patched with an email holding the separator
        ValidationException onCreate = catchThrowableOfType(ValidationException.class,
                () -> users.create(Scope.unscoped(), User.of("a#b@example.com", "Forger")));
        ValidationException onPatch = catchThrowableOfType(ValidationException.class,
                () -> users.patch(Scope.unscoped(), ann.id(), Map.of("email", "a#b@example.com"), 1));

        // THEN both are refused naming the email, and nothing changed
        assertThat(onCreate).isNotNull();
        assertThat(onCreate.violations()).containsExactly(new Violation("email", "must not contain '#'"));
        assertThat(onPatch).isNotNull();
        assertThat(onPatch.violations()).containsExactly(new Violation("email", "must not contain '#'"));
        assertThat(scanAll()).containsExactlyInAnyOrderElementsOf(before);
        assertThatThrownBy(() -> users.query(Scope.unscoped(), Query.index("GSI1").partition("email", "x#y").build()))
                .isInstanceOf(ValidationException.class);
    }

    static Stream<Arguments> ownerPairs() {
        return Stream.of(
                Arguments.of("u10", "u1"),
                Arguments.of("u1", "u10"),
                Arguments.of("carol", "dave"),
                Arguments.of("Carol", "carol"),
                Arguments.of("u1 ", "u1"));
    }

    @ParameterizedTest(name = "[{index}] {0} owns, {1} tries")
    @MethodSource("ownerPairs")
    void anotherOwnersTodo_isNeverReadListedChangedOrDeleted(String ownerId, String otherId) {
        // GIVEN a todo of one owner, another owner with a todo of the same id, and the table as it is
        Scope owner = Scope.owner(ownerId);
        Scope other = Scope.owner(otherId);
        Todo owned = todos.create(owner, new Todo(null, "t-1", "Owner's", false, null, null, null, null));
        Todo doneOwned = todos.create(owner, new Todo(null, "t-2", "Owner's done", true, null, null, null, null));
        Todo othersOwn = todos.create(other, new Todo(null, "t-3", "Other's", true, null, null, null, null));
        List<Map<String, AttributeValue>> before = scanAll();

        // WHEN the other owner reads, lists, replaces, patches and deletes by the owner's ids
        // THEN the owner's todos do not exist for them
        assertThat(todos.get(other, "t-1")).isEmpty();
        assertThat(todos.get(other, "t-2")).isEmpty();
        assertThat(todos.query(other, Query.table().build()).items()).containsExactly(othersOwn);
        assertThat(todos.query(other, Query.index("GSI1").build()).items()).containsExactly(othersOwn);
        assertThat(todos.query(other, Query.index("GSI1")
                .sortKey(SortKeyCondition.beginsWith(Map.of("done", false))).build()).items()).isEmpty();
        assertThat(todos.query(other, Query.index("GSI1")
                .sortKey(SortKeyCondition.beginsWith(Map.of("done", true))).build()).items())
                .containsExactly(othersOwn);
        assertNotFound(() -> todos.patch(other, "t-1", Map.of("title", "Taken")));
        assertNotFound(() -> todos.patch(other, "t-1", Map.of("title", "Taken"), 1));
        assertNotFound(() -> todos.replace(other, new Todo(ownerId, "t-1", "Taken", true, null, null, null, null)));
        assertNotFound(() -> todos.replace(other, new Todo(ownerId, "t-2", "Taken", true, null, null, null, null),
                1));
        assertNotFound(() -> todos.delete(other, "t-1"));
        assertNotFound(() -> todos.delete(other, "t-2", 1));
        assertNotFound(() -> todos.delete(other, Map.of("id", "t-1"), OptionalLong.empty()));
        // AND a todo the other owner creates claiming the owner's id lands in the other owner's partition
        Todo claimed = todos.create(other, new Todo(ownerId, "t-1", "Claimed", false, null, null, null, null));
        assertThat(claimed.ownerId()).isEqualTo(otherId);
        // AND the owner's todos are untouched
        assertThat(todos.get(owner, "t-1")).contains(owned);
        assertThat(todos.get(owner, "t-2")).contains(doneOwned);
        assertThat(todos.query(owner, Query.table().build()).items()).containsExactly(owned, doneOwned);
        List<Map<String, AttributeValue>> after = scanAll();
        assertThat(after).containsAll(before).hasSize(before.size() + 1);
    }

    @Test
    void queryNamingAnotherOwnerInItsPartition_isRefused() {
        // GIVEN alice's todo

        // WHEN bob names alice as the owner in the query itself
        Throwable thrown = catchThrowableOfType(IllegalArgumentException.class,
                () -> todos.query(Scope.owner("bob"), Query.table().partition("ownerId", "alice").build()));

        // THEN the query is refused: the owner only ever comes from the scope
        assertThat(thrown).isNotNull().hasMessageContaining("ownerId");
        assertThatThrownBy(() -> todos.query(Scope.owner("bob"), Query.index("GSI1").partition("ownerId", "alice")
                .build())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cursorOfAnotherOwner_isRefused() {
        // GIVEN a cursor from a page of alice's todos
        todos.create(ALICE, new Todo(null, "zz", "Second", false, null, null, null, null));
        String cursor = todos.query(ALICE, Query.table().limit(1).build()).nextCursor().orElseThrow();

        // WHEN bob continues with it, on the table and on GSI1
        // THEN it is refused
        assertThatThrownBy(() -> todos.query(Scope.owner("bob"), Query.table().limit(1).cursor(cursor).build()))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> todos.query(Scope.owner("alic"), Query.table().limit(1).cursor(cursor).build()))
                .isInstanceOf(InvalidCursorException.class);
        assertThat(todos.query(ALICE, Query.table().limit(1).cursor(cursor).build()).items())
                .extracting(Todo::id).containsExactly("zz");
    }

    @Test
    void cursorRepointedAtAnotherOwnersPartition_isRefused() throws IOException {
        // GIVEN bob's todos, and a cursor of alice's list whose start key is rewritten to point into bob's partition
        for (String id : List.of("a", "b", "c")) {
            todos.create(Scope.owner("bob"), new Todo(null, id, "Bob's " + id, false, null, null, null, null));
        }
        todos.create(ALICE, new Todo(null, "zz", "Second", false, null, null, null, null));
        String cursor = todos.query(ALICE, Query.table().limit(1).build()).nextCursor().orElseThrow();
        String forged = withStartKey(cursor, Map.of("PK", "USER#bob", "SK", "TODO#a"));

        // WHEN alice continues with the forged cursor
        Throwable thrown = catchThrowableOfType(InvalidCursorException.class,
                () -> todos.query(ALICE, Query.table().limit(5).cursor(forged).build()));

        // THEN it is refused rather than reading from bob's partition
        assertThat(thrown).isNotNull();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Rewrites the start key of a cursor, following the layout {@code CursorCodec} documents: a format byte, 8 bytes
     * of query binding, a key count, name and value pairs as modified UTF-8, then the 16-byte MAC, which is kept as
     * it was. Checks first that re-encoding the unchanged key gives the original cursor, so a change of layout fails
     * here, not silently.
     */
    private static String withStartKey(String cursor, Map<String, String> startKey) throws IOException {
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte format = in.readByte();
        byte[] binding = in.readNBytes(8);
        int count = in.readUnsignedByte();
        Map<String, String> original = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            original.put(in.readUTF(), in.readUTF());
        }
        byte[] mac = in.readAllBytes();
        assertThat(mac).as("the cursor's MAC").hasSize(16);
        assertThat(cursorOf(format, binding, original, mac)).as("cursor layout understood").isEqualTo(cursor);
        assertThat(original.keySet()).containsExactlyInAnyOrderElementsOf(startKey.keySet());
        return cursorOf(format, binding, startKey, mac);
    }

    private static String cursorOf(byte format, byte[] binding, Map<String, String> key, byte[] mac)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(format);
        out.write(binding);
        out.writeByte(key.size());
        for (Map.Entry<String, String> entry : key.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeUTF(entry.getValue());
        }
        out.write(mac);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    private static void assertRefused(ThrowingCallable call, Violation expected) {
        ValidationException thrown = catchThrowableOfType(ValidationException.class, call);
        assertThat(thrown).as("a ValidationException").isNotNull();
        assertThat(thrown.status()).isEqualTo(422);
        assertThat(thrown.violations()).containsExactly(expected);
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ItemNotFoundException.class).hasMessage("Todo not found");
    }

    private static Everything thing(String id) {
        return new Everything(id, "text", false, null, 0, 0L, null, null, null, null, null, null, List.of(), Set.of(),
                Map.of(), null, null);
    }

    private List<Map<String, AttributeValue>> scanAll() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(r -> r.tableName(tableName).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}
