package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EntityMappingTest {
    private final EntityMapping<Everything> everything = new EntityMapping<>(Everything.ENTITY);
    private final EntityMapping<Todo> todos = new EntityMapping<>(Todo.ENTITY);

    record Stop(@NotBlank String city) {
    }

    record Route(String id, List<@Valid Stop> stops) {
    }

    @Test
    void mapping_aListOfRecords_isRefusedNamingTheComponent() {
        // GIVEN a list of records, whose @Valid elements a patch could not validate one value at a time
        Entity<Route> routes = Entity.of(Route.class).type("Route").partitionKey("ROUTE#{id}").sortKey("ROUTE")
                .id("id").build();

        // WHEN / THEN
        assertThatThrownBy(() -> new EntityMapping<>(routes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Route.stops has type java.util.List<")
                .hasMessageContaining("which dynacrud cannot store; use String, boolean, int, long, BigDecimal,"
                        + " Instant, LocalDate, an enum, List<String>, Set<String>, Map<String, String> or a record");
    }

    @Test
    void toItemThenFromItem_everySupportedType_comesBackEqual() {
        // GIVEN
        Everything item = new Everything("t1", "text", true, Boolean.FALSE, 3, 4L, 5, 6L, new BigDecimal("12.5"),
                Instant.parse("2026-01-02T03:04:05.678Z"), LocalDate.of(2026, 2, 3), Everything.Color.GREEN,
                List.of("a", "b"), Set.of("x", "y"), Map.of("k", "v"), new Everything.Address("Main St", "Oslo"),
                Instant.parse("2026-03-01T00:00:00Z"));

        // WHEN
        Map<String, AttributeValue> stored = everything.toItem(item);

        // THEN
        assertThat(everything.fromItem(stored)).contains(item);
        assertThat(stored.get("PK").s()).isEqualTo("THING#t1");
        assertThat(stored.get("SK").s()).isEqualTo("THING");
        assertThat(stored.get("_type").s()).isEqualTo("Everything");
        assertThat(stored.get("amount").n()).isEqualTo("12.5");
        assertThat(stored.get("expiresAt").n()).isEqualTo("1772323200");
        assertThat(stored.get("labels").ss()).containsExactlyInAnyOrder("x", "y");
        assertThat(stored.get("address").m()).containsEntry("city", AttributeValue.fromS("Oslo"));
        assertThat(stored.get("color").s()).isEqualTo("GREEN");
    }

    @Test
    void toItem_nullsAndEmptySets_areLeftOutAndReadBackEmpty() {
        // GIVEN
        Everything item = new Everything("t2", null, false, null, 0, 0L, null, null, null, null, null, null,
                List.of(), Set.of(), Map.of(), null, null);

        // WHEN
        Map<String, AttributeValue> stored = everything.toItem(item);

        // THEN
        assertThat(stored).doesNotContainKeys("text", "boxedFlag", "labels", "address", "expiresAt");
        assertThat(everything.fromItem(stored)).contains(item);
    }

    @Test
    void toItem_decimals_areStoredWithoutTrailingZerosAsDynamoDbKeepsThem() {
        // GIVEN
        Everything small = new Everything("t3", null, false, null, 0, 0L, null, null, new BigDecimal("12.50"), null,
                null, null, List.of(), Set.of(), Map.of(), null, null);
        Everything round = new Everything("t4", null, false, null, 0, 0L, null, null, new BigDecimal("100"), null,
                null, null, List.of(), Set.of(), Map.of(), null, null);

        // WHEN
        Map<String, AttributeValue> storedSmall = everything.toItem(small);
        Map<String, AttributeValue> storedRound = everything.toItem(round);

        // THEN
        assertThat(storedSmall.get("amount").n()).isEqualTo("12.5");
        assertThat(storedRound.get("amount").n()).isEqualTo("100");
        assertThat(everything.fromItem(storedSmall).orElseThrow().amount()).isEqualTo(new BigDecimal("12.5"));
    }

    @Test
    void toItem_todo_writesPrimaryAndIndexKeys() {
        // GIVEN
        Todo todo = new Todo("u1", "01J", "Write", true, null, 1L, Instant.EPOCH, Instant.EPOCH);

        // WHEN
        Map<String, AttributeValue> stored = todos.toItem(todo);

        // THEN
        assertThat(stored).containsEntry("PK", AttributeValue.fromS("USER#u1"))
                .containsEntry("SK", AttributeValue.fromS("TODO#01J"))
                .containsEntry("GSI1PK", AttributeValue.fromS("USER#u1"))
                .containsEntry("GSI1SK", AttributeValue.fromS("DONE#true#01J"))
                .containsEntry("_type", AttributeValue.fromS("Todo"));
    }

    @Test
    void fromItem_itemOfAnotherType_isEmpty() {
        // GIVEN
        Map<String, AttributeValue> stored = todos.toItem(
                new Todo("u1", "01J", "Write", false, null, 1L, Instant.EPOCH, Instant.EPOCH));
        stored.put("_type", AttributeValue.fromS("Note"));

        // WHEN / THEN
        assertThat(todos.fromItem(stored)).isEmpty();
    }

    @Test
    void toItem_idWithSeparator_isRefused() {
        // GIVEN
        Todo forged = new Todo("u1", "x#TODO#y", "Write", false, null, 1L, Instant.EPOCH, Instant.EPOCH);

        // WHEN / THEN
        assertThatThrownBy(() -> todos.toItem(forged)).isInstanceOf(ValidationException.class)
                .hasMessage("id: must not contain '#'");
    }
}
