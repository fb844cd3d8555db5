package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.dynacrud.ConditionFailedException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.VersionConflictException;
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

/** Every condition operator evaluated by DynamoDB Local on stored data, as write conditions and as a query filter. */
class ConditionsIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final Scope NONE = Scope.unscoped();
    private static final Scope ALICE = Scope.owner("alice");
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07.123Z");

    private EntityRepository<Everything> things;
    private EntityRepository<Todo> todos;

    private record Case(String name, Condition condition, boolean holds) {
    }

    @BeforeEach
    void createTable(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("conditions");
        LocalTable.create(client, tableName, Todo.ENTITY, Everything.ENTITY);
        SingleTable table = SingleTable.builder().client(client).tableName(tableName).build();
        things = table.repository(Everything.ENTITY);
        todos = table.repository(Todo.ENTITY);
    }

    @Test
    void everyOperator_asAWriteCondition_holdsExactlyWhenTheStoredItemMeetsIt() {
        // GIVEN a stored item with a value of every kind, and no boxedCount
        things.create(NONE, new Everything("t1", "Hello world", true, null, 5, 9_000_000_000L, null, null,
                new BigDecimal("12.50"), AT, LocalDate.of(2026, 3, 4), Everything.Color.GREEN,
                List.of("a", "b", "c"), Set.of("x", "y"), Map.of("k", "v"), null, null));
        List<Case> cases = List.of(
                new Case("exists", attribute("text").exists(), true),
                new Case("exists of an absent attribute", attribute("boxedCount").exists(), false),
                new Case("notExists", attribute("boxedCount").notExists(), true),
                new Case("notExists of a present attribute", attribute("text").notExists(), false),
                new Case("eq number", attribute("count").eq(5), true),
                new Case("eq other number", attribute("count").eq(6), false),
                new Case("eq boolean", attribute("flag").eq(true), true),
                new Case("eq enum as stored", attribute("color").eq(Everything.Color.GREEN), true),
                new Case("ne", attribute("count").ne(6), true),
                new Case("ne same enum", attribute("color").ne(Everything.Color.GREEN), false),
                new Case("lt", attribute("count").lt(6), true),
                new Case("lt equal", attribute("count").lt(5), false),
                new Case("le equal", attribute("count").le(5), true),
                new Case("gt long", attribute("big").gt(8_999_999_999L), true),
                new Case("ge decimal of another scale", attribute("amount").ge(new BigDecimal("12.5")), true),
                new Case("gt decimal", attribute("amount").gt(new BigDecimal("12.50")), false),
                new Case("eq instant as stored", attribute("at").eq(AT), true),
                new Case("ne instant as stored", attribute("at").ne(AT.plusMillis(1)), true),
                new Case("between dates", attribute("day").between(LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 3, 31)), true),
                new Case("between other dates", attribute("day").between(LocalDate.of(2026, 4, 1),
                        LocalDate.of(2026, 4, 30)), false),
                new Case("beginsWith", attribute("text").beginsWith("Hello"), true),
                new Case("beginsWith other prefix", attribute("text").beginsWith("world"), false),
                new Case("contains substring", attribute("text").contains("lo w"), true),
                new Case("contains list element", attribute("tags").contains("b"), true),
                new Case("contains missing list element", attribute("tags").contains("z"), false),
                new Case("contains set element", attribute("labels").contains("y"), true),
                new Case("size of list eq", attribute("tags").size().eq(3), true),
                new Case("size of set gt", attribute("labels").size().gt(2), false),
                new Case("size of string between", attribute("text").size().between(10, 20), true),
                new Case("size of map ne", attribute("attributes").size().ne(1), false),
                new Case("size le", attribute("tags").size().le(2), false),
                new Case("size ge", attribute("tags").size().ge(3), true),
                new Case("size lt", attribute("labels").size().lt(3), true),
                new Case("and", attribute("count").eq(5).and(attribute("flag").eq(false)), false),
                new Case("or", attribute("count").eq(6).or(attribute("flag").eq(true)), true),
                new Case("not", Condition.not(attribute("count").eq(6)), true));

        // WHEN each is the condition of a patch
        List<String> outcomes = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Case c : cases) {
            expected.add(c.name() + ": " + (c.holds() ? "written" : "condition failed"));
            try {
                things.patch(NONE, "t1", Changes.of(Everything.ENTITY).set("text", "Hello world"),
                        Precondition.when(c.condition()));
                outcomes.add(c.name() + ": written");
            } catch (ConditionFailedException e) {
                outcomes.add(c.name() + ": condition failed");
            }
        }

        // THEN each holds exactly when the stored item meets it
        assertThat(outcomes).containsExactlyElementsOf(expected);
    }

    @Test
    void orderingOfInstants_aWholeSecondAgainstAHalf_isRefusedForStrings_andRightForTimeToLiveNumbers() {
        // GIVEN an item at a whole second, whose stored string sorts after the same second and a half
        Instant second = Instant.parse("2026-03-04T05:06:07Z");
        Instant halfPast = Instant.parse("2026-03-04T05:06:07.500Z");
        things.create(NONE, new Everything("t1", "Hello world", true, null, 5, 9L, null, null, null, second, null,
                null, List.of(), Set.of(), Map.of(), null, second));
        assertThat("2026-03-04T05:06:07Z").isGreaterThan("2026-03-04T05:06:07.500Z");

        // WHEN / THEN an ordering of the string-stored instant is refused before any request
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> things.patch(NONE, "t1", Changes.of(Everything.ENTITY).set("text", "later"),
                        Precondition.when(attribute("at").lt(halfPast))))
                .withMessageStartingWith("an ordering of 'at' is refused: an Instant is stored as an ISO-8601 string");
        assertThat(things.get(NONE, "t1").orElseThrow().text()).isEqualTo("Hello world");

        // WHEN / THEN the time to live, stored as epoch seconds, orders as time does
        Everything written = things.patch(NONE, "t1", Changes.of(Everything.ENTITY).set("text", "later"),
                Precondition.when(attribute("expiresAt").lt(halfPast.plusSeconds(1))));
        assertThat(written.text()).isEqualTo("later");
        assertThatExceptionOfType(ConditionFailedException.class)
                .isThrownBy(() -> things.patch(NONE, "t1", Changes.of(Everything.ENTITY).set("text", "never"),
                        Precondition.when(attribute("expiresAt").gt(halfPast))));
        assertThat(things.get(NONE, "t1").orElseThrow().text()).isEqualTo("later");
    }

    @Test
    void conditionalWrites_missingStaleAndFalse_areToldApart() {
        // GIVEN a todo at version 1, not done
        Todo created = todos.create(ALICE, Todo.of("Write docs"));
        Precondition notDone = Precondition.version(1).and(attribute("done").eq(false));
        Precondition done = Precondition.version(1).and(attribute("done").eq(true));

        // WHEN / THEN a missing item, a stale version and a false condition each fail their own way
        assertThatExceptionOfType(ItemNotFoundException.class)
                .isThrownBy(() -> todos.delete(ALICE, "missing", notDone));
        assertThatExceptionOfType(VersionConflictException.class)
                .isThrownBy(() -> todos.delete(ALICE, created.id(), Precondition.version(2).and(
                        attribute("done").eq(false))));
        assertThatExceptionOfType(ConditionFailedException.class)
                .isThrownBy(() -> todos.delete(ALICE, created.id(), done));
        assertThatExceptionOfType(ConditionFailedException.class)
                .isThrownBy(() -> todos.patch(ALICE, created.id(), Changes.of(Todo.ENTITY).set("title", "x"), done));
        assertThatExceptionOfType(ConditionFailedException.class)
                .isThrownBy(() -> todos.replace(ALICE, created, done));
        assertThat(todos.get(ALICE, created.id())).contains(created);

        // AND a condition that holds lets the write through
        Todo patched = todos.patch(ALICE, created.id(), Changes.of(Todo.ENTITY).set("title", "Ship it"), notDone);
        assertThat(patched.title()).isEqualTo("Ship it");
        assertThat(patched.version()).isEqualTo(2L);
        todos.delete(ALICE, created.id(), Precondition.when(attribute("title").eq("Ship it")));
        assertThat(todos.get(ALICE, created.id())).isEmpty();
    }

    @Test
    void queryFilter_keepsOnlyMatchingItems_andPagesCanBeShort() {
        // GIVEN ten todos, the first three done
        for (int i = 0; i < 10; i++) {
            todos.create(ALICE, new Todo(null, "t" + i, "todo " + i, i < 3, null, null, null, null));
        }
        Query.Builder query = Query.table().limit(4).filter(attribute("done").eq(false)
                .and(attribute("title").beginsWith("todo")));

        // WHEN every page is read
        List<Integer> sizes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Page<Todo> page = todos.query(ALICE, query.cursor(cursor).build());
            sizes.add(page.items().size());
            page.items().forEach(todo -> ids.add(todo.id()));
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);

        // THEN only the open todos come back, and the first page, which read three done ones, holds one item
        assertThat(ids).containsExactly("t3", "t4", "t5", "t6", "t7", "t8", "t9");
        assertThat(sizes.get(0)).isEqualTo(1);
    }

    private static Condition.Attribute attribute(String name) {
        return Condition.attribute(name);
    }
}
