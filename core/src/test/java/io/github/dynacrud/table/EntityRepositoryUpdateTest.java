package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static io.github.dynacrud.table.StoredItems.todoKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.fixtures.Todo;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Replace and patch of an owner-scoped entity: one conditional UpdateItem each. */
class EntityRepositoryUpdateTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.123456789Z"), ZoneOffset.UTC);
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123Z");
    private static final String NOW_STORED = "'2026-03-04T05:06:07.123Z'";
    private static final String VERSION_INCREMENT = "version = if_not_exists(version, 0) + 1";
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Scope ALICE = Scope.owner("u1");

    private final DynamoDbClient client = MockDynamoDb.client();
    private final EntityRepository<Todo> todos = SingleTable.builder().client(client).tableName("app").clock(CLOCK)
            .build().repository(Todo.ENTITY);

    @Test
    void replace_expectedVersion_setsWritableFieldsRemovesNullsAndChecksVersion() {
        // GIVEN
        Todo stored = new Todo("u1", "t1", "Ship it", true, null, 4L, CREATED, NOW);
        returnsAfterUpdate(stored);
        Todo input = new Todo("intruder", "t1", "Ship it", true, null, 99L, Instant.EPOCH, Instant.EPOCH);

        // WHEN
        Todo replaced = todos.replace(ALICE, input, 3);

        // THEN
        assertThat(replaced).isEqualTo(stored);
        UpdateItemRequest request = capturedUpdate();
        Placeholders placeholders = placeholders(request);
        assertThat(placeholders.actions(request.updateExpression(), "SET")).containsExactlyInAnyOrder(
                "title = 'Ship it'",
                "done = true",
                "updatedAt = " + NOW_STORED,
                "GSI1PK = 'USER#u1'",
                "GSI1SK = 'DONE#true#t1'",
                VERSION_INCREMENT);
        assertThat(placeholders.actions(request.updateExpression(), "REMOVE")).containsExactly("dueDate");
        assertThat(request.expressionAttributeNames()).doesNotContainValue("createdAt");
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo' AND version = 3");
        assertThat(placeholders.unusedIn(request.updateExpression(), request.conditionExpression())).isEmpty();
        assertThat(withoutExpressions(request)).isEqualTo(expectedUpdate(todoKey("u1", "t1")));
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void replace_withoutExpectedVersion_setsEveryWritableFieldAndChecksOnlyExistenceAndType() {
        // GIVEN
        Todo stored = new Todo("u1", "t1", "Ship it", false, LocalDate.of(2026, 4, 1), 2L, CREATED, NOW);
        returnsAfterUpdate(stored);
        Todo input = new Todo(null, "t1", "Ship it", false, LocalDate.of(2026, 4, 1), null, null, null);

        // WHEN
        Todo replaced = todos.replace(ALICE, input);

        // THEN
        assertThat(replaced).isEqualTo(stored);
        UpdateItemRequest request = capturedUpdate();
        Placeholders placeholders = placeholders(request);
        assertThat(placeholders.actions(request.updateExpression(), "SET")).containsExactlyInAnyOrder(
                "title = 'Ship it'",
                "done = false",
                "dueDate = '2026-04-01'",
                "updatedAt = " + NOW_STORED,
                "GSI1PK = 'USER#u1'",
                "GSI1SK = 'DONE#false#t1'",
                VERSION_INCREMENT);
        assertThat(placeholders.actions(request.updateExpression(), "REMOVE")).isEmpty();
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo'");
        assertThat(placeholders.unusedIn(request.updateExpression(), request.conditionExpression())).isEmpty();
        assertThat(withoutExpressions(request)).isEqualTo(expectedUpdate(todoKey("u1", "t1")));
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void replace_blankTitle_throwsValidationWithoutCallingDynamoDb() {
        // GIVEN
        Todo input = new Todo(null, "t1", "", false, null, null, null, null);

        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> todos.replace(ALICE, input, 3)).actual();

        // THEN
        assertThat(thrown.violations())
                .containsExactly(new ValidationException.Violation("title", "must not be blank"));
        verifyNoInteractions(client);
    }

    @Test
    void patch_done_setsItAndRebuildsIndexKeysInOneUpdate() {
        // GIVEN
        Todo stored = new Todo("u1", "t1", "Write docs", true, null, 4L, CREATED, NOW);
        returnsAfterUpdate(stored);

        // WHEN
        Todo patched = todos.patch(ALICE, "t1", Map.of("done", true), 3);

        // THEN
        assertThat(patched).isEqualTo(stored);
        UpdateItemRequest request = capturedUpdate();
        Placeholders placeholders = placeholders(request);
        assertThat(placeholders.actions(request.updateExpression(), "SET")).containsExactlyInAnyOrder(
                "done = true",
                "updatedAt = " + NOW_STORED,
                "GSI1PK = 'USER#u1'",
                "GSI1SK = 'DONE#true#t1'",
                VERSION_INCREMENT);
        assertThat(placeholders.actions(request.updateExpression(), "REMOVE")).isEmpty();
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo' AND version = 3");
        assertThat(placeholders.unusedIn(request.updateExpression(), request.conditionExpression())).isEmpty();
        assertThat(withoutExpressions(request)).isEqualTo(expectedUpdate(todoKey("u1", "t1")));
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void patch_nullDueDate_removesItAndLeavesIndexKeysAlone() {
        // GIVEN
        Todo stored = new Todo("u1", "t1", "Write docs", false, null, 5L, CREATED, NOW);
        returnsAfterUpdate(stored);

        // WHEN
        Todo patched = todos.patch(ALICE, "t1", Collections.singletonMap("dueDate", null));

        // THEN
        assertThat(patched).isEqualTo(stored);
        UpdateItemRequest request = capturedUpdate();
        Placeholders placeholders = placeholders(request);
        assertThat(placeholders.actions(request.updateExpression(), "SET"))
                .containsExactlyInAnyOrder("updatedAt = " + NOW_STORED, VERSION_INCREMENT);
        assertThat(placeholders.actions(request.updateExpression(), "REMOVE")).containsExactly("dueDate");
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo'");
        assertThat(placeholders.unusedIn(request.updateExpression(), request.conditionExpression())).isEmpty();
        assertThat(withoutExpressions(request)).isEqualTo(expectedUpdate(todoKey("u1", "t1")));
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "ownerId", "version", "createdAt", "updatedAt"})
    void patch_keyOrManagedAttribute_throwsValidationWithoutCallingDynamoDb(String attribute) {
        // GIVEN
        Map<String, Object> changes = Map.of(attribute, "other");

        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> todos.patch(ALICE, "t1", changes, 3)).actual();

        // THEN
        assertThat(thrown.violations())
                .containsExactly(new ValidationException.Violation(attribute, "cannot be changed"));
        verifyNoInteractions(client);
    }

    @Test
    void patch_nullForPrimitiveDone_throwsValidationWithoutCallingDynamoDb() {
        // GIVEN
        // Removing 'done' would drop the todo from GSI1 while it still reads back as done=false.
        Map<String, Object> changes = Collections.singletonMap("done", null);
        returnsAfterUpdate(new Todo("u1", "t1", "Write docs", false, null, 2L, CREATED, NOW));

        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> todos.patch(ALICE, "t1", changes)).actual();

        // THEN
        assertThat(thrown.violations()).extracting(ValidationException.Violation::field).containsExactly("done");
        verifyNoInteractions(client);
    }

    @Test
    void patch_nullTitle_throwsValidationWithoutCallingDynamoDb() {
        // GIVEN
        Map<String, Object> changes = Collections.singletonMap("title", null);

        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> todos.patch(ALICE, "t1", changes)).actual();

        // THEN
        assertThat(thrown.violations())
                .containsExactly(new ValidationException.Violation("title", "must not be blank"));
        verifyNoInteractions(client);
    }

    @Test
    void patch_conditionFailsWithOldTodo_throwsVersionConflict() {
        // GIVEN
        Todo newer = new Todo("u1", "t1", "Write docs", false, null, 4L, CREATED, NOW);
        when(client.updateItem(any(UpdateItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
                .item(StoredItems.todo(newer)).build());

        // WHEN
        VersionConflictException thrown = assertThatExceptionOfType(VersionConflictException.class)
                .isThrownBy(() -> todos.patch(ALICE, "t1", Map.of("done", true), 3)).actual();

        // THEN
        assertThat(thrown).hasMessage("Todo was changed by another request; read it again and retry");
        assertThat(thrown.status()).isEqualTo(412);
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void patch_conditionFailsWithoutItem_throwsItemNotFound() {
        // GIVEN
        when(client.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().build());

        // WHEN
        ItemNotFoundException thrown = assertThatExceptionOfType(ItemNotFoundException.class)
                .isThrownBy(() -> todos.patch(ALICE, "t1", Map.of("done", true), 3)).actual();

        // THEN
        assertThat(thrown).hasMessage("Todo not found");
        assertThat(thrown.status()).isEqualTo(404);
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void replace_conditionFailsWithItemOfAnotherType_throwsItemNotFound() {
        // GIVEN
        Map<String, AttributeValue> note = StoredItems.withType(
                StoredItems.todo(new Todo("u1", "t1", "Note", false, null, 3L, CREATED, CREATED)), "Note");
        when(client.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().item(note).build());
        Todo input = new Todo(null, "t1", "Ship it", true, null, null, null, null);

        // WHEN
        ItemNotFoundException thrown = assertThatExceptionOfType(ItemNotFoundException.class)
                .isThrownBy(() -> todos.replace(ALICE, input, 3)).actual();

        // THEN
        assertThat(thrown).hasMessage("Todo not found");
        assertThat(requestsSent(client)).hasSize(1);
    }

    private void returnsAfterUpdate(Todo stored) {
        when(client.updateItem(any(UpdateItemRequest.class)))
                .thenReturn(UpdateItemResponse.builder().attributes(StoredItems.todo(stored)).build());
    }

    private UpdateItemRequest capturedUpdate() {
        ArgumentCaptor<UpdateItemRequest> update = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client).updateItem(update.capture());
        return update.getValue();
    }

    private static Placeholders placeholders(UpdateItemRequest request) {
        return new Placeholders(request.expressionAttributeNames(), request.expressionAttributeValues());
    }

    /** @return the parts of an update request that are not expressions, as every update here sends them */
    private static UpdateItemRequest expectedUpdate(Map<String, AttributeValue> key) {
        return UpdateItemRequest.builder()
                .tableName("app")
                .key(key)
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    private static UpdateItemRequest withoutExpressions(UpdateItemRequest request) {
        return request.toBuilder().updateExpression(null).conditionExpression(null)
                .expressionAttributeNames(null).expressionAttributeValues(null).build();
    }
}
