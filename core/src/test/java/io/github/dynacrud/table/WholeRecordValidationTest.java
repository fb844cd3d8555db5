package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Trip;
import io.github.dynacrud.internal.EntityMapping;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Replace and patch validate the record they would store as create does: class-level constraints, {@code @Valid}
 * nested records and constrained list elements, the same with or without unique attributes, and send no write when it
 * is invalid.
 */
class WholeRecordValidationTest {
    private static final LocalDate MAY_1 = LocalDate.of(2026, 5, 1);
    private static final LocalDate MAY_9 = LocalDate.of(2026, 5, 9);
    private static final Trip STORED = new Trip("t1", "Lisbon", MAY_1, MAY_9, new Trip.Stop("Porto"),
            List.of("sea"), 2L);

    private final DynamoDbClient client = MockDynamoDb.client();

    static Stream<Arguments> invalidChanges() {
        return entities().flatMap(entity -> Stream.of(
                Arguments.of(entity, Map.of("origin", new Trip.Stop(" ")), "origin.city", "must not be blank"),
                Arguments.of(entity, Map.of("tags", List.of("ok", " ")), "tags[1].<list element>",
                        "must not be blank"),
                Arguments.of(entity, Map.of("name", " "), "name", "must not be blank")));
    }

    @ParameterizedTest
    @MethodSource("invalidChanges")
    void patch_invalidNestedOrElementValue_throwsNamingItAndSendsNothing(Entity<Trip> entity, Map<String, ?> changes,
            String field, String message) {
        // GIVEN
        storedTripIs(entity, STORED);

        // WHEN / THEN
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> repository(entity).patch(Scope.unscoped(), "t1", changes))
                .satisfies(e -> assertThat(e.violations()).containsExactly(new Violation(field, message)));
        assertThat(requestsSent(client)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalidChanges")
    void replace_invalidNestedOrElementValue_throwsNamingItAndSendsNothing(Entity<Trip> entity,
            Map<String, ?> changes, String field, String message) {
        // GIVEN
        storedTripIs(entity, STORED);
        Trip input = new EntityMapping<>(entity).model().with(STORED, changes);

        // WHEN / THEN
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> repository(entity).replace(Scope.unscoped(), input))
                .satisfies(e -> assertThat(e.violations()).containsExactly(new Violation(field, message)));
        assertThat(requestsSent(client)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("entities")
    void patch_endBeforeTheStoredStart_readsTheItemAndThrowsTheClassLevelViolationWithoutWriting(Entity<Trip> entity) {
        // GIVEN
        storedTripIs(entity, STORED);

        // WHEN / THEN
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> repository(entity).patch(Scope.unscoped(), "t1",
                        Map.of("end", LocalDate.of(2026, 4, 30))))
                .satisfies(e -> assertThat(e.violations())
                        .containsExactly(new Violation("", "must not end before it starts")));
        assertThat(requestsSent(client)).hasSize(1).allMatch(GetItemRequest.class::isInstance);
    }

    @ParameterizedTest
    @MethodSource("entities")
    void replace_endBeforeStart_throwsTheClassLevelViolationAndSendsNothing(Entity<Trip> entity) {
        // GIVEN
        Trip input = new Trip("t1", "Lisbon", MAY_9, MAY_1, null, List.of(), null);

        // WHEN / THEN
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> repository(entity).replace(Scope.unscoped(), input, 2))
                .satisfies(e -> assertThat(e.violations())
                        .containsExactly(new Violation("", "must not end before it starts")));
        assertThat(requestsSent(client)).isEmpty();
    }

    @Test
    void patch_validAcrossAStoredValue_whenTheTripChangedSinceItsRead_readsAgainAndUpdatesConditionedOnTheNewVersion() {
        // GIVEN the first update finds the trip changed since its read
        Trip changed = new Trip("t1", "Lisbon and Sintra", MAY_1, MAY_9, null, List.of(), 3L);
        Map<String, AttributeValue> changedItem = new EntityMapping<>(Trip.ENTITY).toItem(changed);
        when(client.getItem(any(GetItemRequest.class))).thenReturn(
                GetItemResponse.builder().item(new EntityMapping<>(Trip.ENTITY).toItem(STORED)).build(),
                GetItemResponse.builder().item(changedItem).build());
        Map<String, AttributeValue> updated = new HashMap<>(changedItem);
        updated.put("end", AttributeValue.fromS("2026-05-02"));
        updated.put("version", AttributeValue.fromN("4"));
        when(client.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().item(changedItem).build())
                .thenReturn(UpdateItemResponse.builder().attributes(updated).build());

        // WHEN
        Trip patched = repository(Trip.ENTITY).patch(Scope.unscoped(), "t1", Map.of("end", LocalDate.of(2026, 5, 2)));

        // THEN
        assertThat(patched).isEqualTo(new Trip("t1", "Lisbon and Sintra", MAY_1, LocalDate.of(2026, 5, 2), null,
                List.of(), 4L));
        ArgumentCaptor<UpdateItemRequest> updates = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client, times(2)).updateItem(updates.capture());
        List<String> conditions = updates.getAllValues().stream().map(update -> new Placeholders(
                update.expressionAttributeNames(), update.expressionAttributeValues())
                .resolve(update.conditionExpression())).toList();
        assertThat(conditions).containsExactly("attribute_exists(PK) AND _type = 'Trip' AND version = 2",
                "attribute_exists(PK) AND _type = 'Trip' AND version = 3");
        assertThat(requestsSent(client)).hasSize(4);
    }

    @Test
    void repository_classLevelConstraintWithoutVersion_isRefusedNamingTheEntity() {
        // GIVEN
        Entity<Trip> unversioned = Entity.of(Trip.class).type("LooseTrip").partitionKey("LOOSE#{id}").sortKey("TRIP")
                .id("id").build();
        SingleTable table = SingleTable.builder().client(client).tableName("app").build();

        // WHEN / THEN
        assertThatIllegalArgumentException().isThrownBy(() -> table.repository(unversioned))
                .withMessage("LooseTrip has constraints that span attributes (on Trip or its getters), so a patch"
                        + " checks them on the item it reads and writes it only if unchanged since: declare a"
                        + " version attribute");
    }

    @Test
    void patch_withExpectedVersionOfAnEntityWithoutVersions_isRefusedBeforeAnyRequest() {
        // GIVEN
        EntityRepository<Note> notes = SingleTable.builder().client(client).tableName("app").build()
                .repository(Note.ENTITY);

        // WHEN / THEN: with changes or without
        for (Map<String, ?> changes : List.of(Map.of("text", "new"), Map.<String, Object>of())) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> notes.patch(Scope.unscoped(), "n1", changes, 1))
                    .withMessage("Note has no version attribute, so it cannot check an expected version");
        }
        assertThat(requestsSent(client)).isEmpty();
    }

    /** An entity without a version attribute. */
    record Note(String id, String text) {
        static final Entity<Note> ENTITY = Entity.of(Note.class).partitionKey("NOTE#{id}").sortKey("NOTE").id("id")
                .build();
    }

    static Stream<Entity<Trip>> entities() {
        return Stream.of(Trip.ENTITY, Trip.NAMED);
    }

    private EntityRepository<Trip> repository(Entity<Trip> entity) {
        return SingleTable.builder().client(client).tableName("app").build().repository(entity);
    }

    private void storedTripIs(Entity<Trip> entity, Trip trip) {
        Map<String, AttributeValue> item = new EntityMapping<>(entity).toItem(trip);
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(item).build());
    }
}
