package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.dynacrud.ConditionFailedException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.internal.ItemLimits;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Update operators applied by DynamoDB Local, alone and by 20 writers at once. */
class UpdateOperatorsIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final int WRITERS = 20;
    private static final Scope NONE = Scope.unscoped();

    private EntityRepository<Everything> things;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("operators");
        LocalTable.create(client, tableName, Everything.ENTITY);
        things = SingleTable.builder().client(client).tableName(tableName).build().repository(Everything.ENTITY);
    }

    @Test
    void patch_everyOperatorAtOnce_returnsAndStoresTheirResults() {
        // GIVEN
        things.create(NONE, thing("t1", 5, List.of("a"), Set.of("x", "y"), "text"));

        // WHEN
        Everything saved = things.patch(NONE, "t1", Changes.of(Everything.ENTITY)
                .set("flag", true)
                .remove("text")
                .increment("count", 3)
                .decrement("big", 10L)
                .increment("amount", new BigDecimal("0.25"))
                .append("tags", List.of("b", "c"))
                .addToSet("labels", Set.of("z"))
                .setIfAbsent("boxedCount", 7)
                .setIfAbsent("color", Everything.Color.RED));

        // THEN
        assertThat(saved).isEqualTo(new Everything("t1", null, true, null, 8, -10L, 7, null, new BigDecimal("1.25"),
                null, null, Everything.Color.RED, List.of("a", "b", "c"), Set.of("x", "y", "z"), Map.of(), null, null));
        assertThat(things.get(NONE, "t1")).contains(saved);

        // AND set-if-absent keeps a present value, and removing every element removes the set
        Everything again = things.patch(NONE, "t1", Changes.of(Everything.ENTITY).setIfAbsent("boxedCount", 99)
                .removeFromSet("labels", Set.of("x", "y", "z")));
        assertThat(again.boxedCount()).isEqualTo(7);
        assertThat(again.labels()).isEmpty();
    }

    @Test
    void patch_noChangesOnAnEntityWithoutVersion_checksThePreconditionAndReturnsTheItem() {
        // GIVEN
        Everything stored = things.create(NONE, thing("t1", 5, List.of(), Set.of(), "text"));

        // WHEN
        Everything read = things.patch(NONE, "t1", Changes.of(Everything.ENTITY),
                Precondition.when(Condition.attribute("count").eq(5)));

        // THEN
        assertThat(read).isEqualTo(stored);
        assertThatExceptionOfType(ConditionFailedException.class).isThrownBy(() -> things.patch(NONE, "t1",
                Changes.of(Everything.ENTITY), Precondition.when(Condition.attribute("count").eq(6))));
        assertThatExceptionOfType(ItemNotFoundException.class)
                .isThrownBy(() -> things.patch(NONE, "missing", Map.of()));
    }

    @Test
    void patch_twentyConcurrentIncrementsAndAppends_loseNoUpdate() throws Exception {
        // GIVEN
        things.create(NONE, thing("t1", 100, List.of(), Set.of(), null));
        ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);

        // WHEN 20 writers each add one to the count, one element to the list and one to the set at once
        List<Future<Everything>> results = new ArrayList<>();
        try {
            for (int i = 0; i < WRITERS; i++) {
                String element = "w" + i;
                results.add(executor.submit(() -> {
                    start.await();
                    return things.patch(NONE, "t1", Changes.of(Everything.ENTITY).increment("count", 1)
                            .append("tags", List.of(element)).addToSet("labels", Set.of(element)));
                }));
            }
            start.countDown();
            for (Future<Everything> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        // THEN every change is kept
        Everything stored = things.get(NONE, "t1").orElseThrow();
        List<String> all = IntStream.range(0, WRITERS).mapToObj(i -> "w" + i).toList();
        assertThat(stored.count()).isEqualTo(100 + WRITERS);
        assertThat(stored.tags()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(stored.labels()).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void incrementAndDecrement_pastTheRangeOfTheAttribute_failTheConditionAndLeaveTheItemReadable() {
        // GIVEN a count one below the largest int and a big one above the smallest long
        things.create(NONE, new Everything("t1", "text", false, null, Integer.MAX_VALUE - 1, Long.MIN_VALUE + 1,
                null, null, null, null, null, null, List.of(), Set.of(), Map.of(), null, null));

        // WHEN / THEN a step past either end fails as a condition and writes nothing
        assertThatExceptionOfType(ConditionFailedException.class).isThrownBy(() ->
                things.patch(NONE, "t1", Changes.of(Everything.ENTITY).increment("count", 2)));
        assertThatExceptionOfType(ConditionFailedException.class).isThrownBy(() ->
                things.patch(NONE, "t1", Changes.of(Everything.ENTITY).decrement("big", 2L)));
        Everything read = things.get(NONE, "t1").orElseThrow();
        assertThat(read.count()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(read.big()).isEqualTo(Long.MIN_VALUE + 1);

        // WHEN / THEN a step to either end is written
        Everything saved = things.patch(NONE, "t1", Changes.of(Everything.ENTITY).increment("count", 1)
                .decrement("big", 1L).increment("boxedCount", Integer.MIN_VALUE));
        assertThat(saved.count()).isEqualTo(Integer.MAX_VALUE);
        assertThat(saved.big()).isEqualTo(Long.MIN_VALUE);
        assertThat(saved.boxedCount()).isEqualTo(Integer.MIN_VALUE);
        assertThat(things.get(NONE, "t1")).contains(saved);
    }

    @Test
    void appendInATransaction_growingTheItemPast400Kb_isTheValidationExceptionOfASingleWrite(DynamoDbClient client) {
        // GIVEN an item of about 300 KB
        String tableName = DynamoDbLocalExtension.uniqueTableName("transaction-limits");
        LocalTable.create(client, tableName, Everything.ENTITY);
        SingleTable table = SingleTable.builder().client(client).tableName(tableName).build();
        EntityRepository<Everything> large = table.repository(Everything.ENTITY);
        Everything stored = large.create(NONE, thing("t1", 1, List.of(), Set.of(), "x".repeat(300_000)));

        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> table.transaction().patch(large, NONE, "t1", Changes.of(Everything.ENTITY)
                        .append("tags", List.of("y".repeat(150_000)))).commit()).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(422);
        assertThat(thrown.violations()).containsExactly(new ValidationException.Violation("",
                ItemLimits.SIZE_MESSAGE));
        assertThat(large.get(NONE, "t1")).contains(stored);
    }

    private static Everything thing(String id, int count, List<String> tags, Set<String> labels, String text) {
        return new Everything(id, text, false, null, count, 0L, null, null, new BigDecimal("1.00"), null, null, null,
                tags, labels, Map.of(), null, null);
    }
}
