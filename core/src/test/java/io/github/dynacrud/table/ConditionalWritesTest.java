package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.dynacrud.ConditionFailedException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Writes with a user condition: one request whose condition joins the library's own, failures told apart. */
class ConditionalWritesTest {
    private static final Scope ALICE = Scope.owner("u1");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Condition DONE = Condition.attribute("done").eq(true);

    private final DynamoDbClient client = MockDynamoDb.client();
    private final EntityRepository<Todo> todos = SingleTable.builder().client(client).tableName("app").build()
            .repository(Todo.ENTITY);

    @Test
    void delete_versionAndCondition_sendsOneDeleteWithBothAfterTheExistenceAndTypeChecks() {
        // GIVEN
        when(client.deleteItem(any(DeleteItemRequest.class))).thenReturn(DeleteItemResponse.builder().build());

        // WHEN
        todos.delete(ALICE, "t1", Precondition.version(3).and(DONE));

        // THEN
        ArgumentCaptor<DeleteItemRequest> captor = ArgumentCaptor.forClass(DeleteItemRequest.class);
        verify(client).deleteItem(captor.capture());
        DeleteItemRequest request = captor.getValue();
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo' AND version = 3 AND done = true");
        assertThat(placeholders.unusedIn(request.conditionExpression())).isEmpty();
        assertThat(request.returnValuesOnConditionCheckFailure())
                .isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        assertThat(request.key()).isEqualTo(StoredItems.todoKey("u1", "t1"));
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void patch_conditionOnAReservedWordAndAnInstant_usesPlaceholdersAndTheStoredForm() {
        // GIVEN
        returnsAfterUpdate(todo(2));

        // WHEN
        todos.patch(ALICE, "t1", Changes.of(Todo.ENTITY).set("title", "Ship it"), Precondition.when(
                Condition.attribute("createdAt").eq(Instant.parse("2026-02-01T00:00:00Z"))
                        .or(Condition.not(Condition.attribute("title").beginsWith("Draft")))));

        // THEN
        UpdateItemRequest request = capturedUpdate();
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(placeholders.resolve(request.conditionExpression())).isEqualTo("attribute_exists(PK)"
                + " AND _type = 'Todo' AND (createdAt = '2026-02-01T00:00:00Z' OR (NOT begins_with(title, 'Draft')))");
        assertThat(request.conditionExpression()).doesNotContain("Draft", "2026")
                .doesNotContainPattern("[^#]\\b(title|createdAt)\\b");
        assertThat(placeholders.unusedIn(request.updateExpression(), request.conditionExpression())).isEmpty();
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void patch_conditionFalseAtTheExpectedVersion_throwsConditionFailed() {
        // GIVEN the stored item has the expected version, so only the condition can have failed
        when(client.updateItem(any(UpdateItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
                .item(StoredItems.todo(todo(3))).build());

        // WHEN
        ConditionFailedException thrown = assertThatExceptionOfType(ConditionFailedException.class)
                .isThrownBy(() -> todos.patch(ALICE, "t1", Changes.of(Todo.ENTITY).set("title", "x"),
                        Precondition.version(3).and(DONE))).actual();

        // THEN
        assertThat(thrown).hasMessage("Todo does not meet the condition of this write");
        assertThat(thrown.status()).isEqualTo(409);
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void patch_conditionAndStaleVersion_throwsVersionConflict() {
        // GIVEN
        when(client.updateItem(any(UpdateItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
                .item(StoredItems.todo(todo(4))).build());

        // WHEN
        VersionConflictException thrown = assertThatExceptionOfType(VersionConflictException.class)
                .isThrownBy(() -> todos.patch(ALICE, "t1", Changes.of(Todo.ENTITY).set("title", "x"),
                        Precondition.version(3).and(DONE))).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(412);
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void replace_conditionWithoutVersionOnAMissingItem_throwsItemNotFound() {
        // GIVEN
        when(client.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().build());

        // WHEN
        ItemNotFoundException thrown = assertThatExceptionOfType(ItemNotFoundException.class)
                .isThrownBy(() -> todos.replace(ALICE, todo(1), Precondition.when(DONE))).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(404);
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void delete_conditionFalseWithoutVersion_throwsConditionFailed() {
        // GIVEN
        when(client.deleteItem(any(DeleteItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
                .item(StoredItems.todo(todo(7))).build());

        // WHEN / THEN
        assertThatExceptionOfType(ConditionFailedException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1", Precondition.when(DONE)));
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void delete_conditionOnAnUnknownAttribute_isRefusedBeforeSending() {
        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1", Precondition.when(Condition.attribute("status").eq("x"))))
                .withMessage("Todo has no component 'status'");
        verifyNoInteractions(client);
    }

    @Test
    void delete_conditionWithAValueOfTheWrongType_isRefusedBeforeSending() {
        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1", Precondition.when(Condition.attribute("done").eq("yes"))))
                .withMessage("a comparison of 'done' has a String value; it holds Booleans");
        verifyNoInteractions(client);
    }

    @Test
    void delete_orderingOfABoolean_isRefusedBeforeSending() {
        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1", Precondition.when(Condition.attribute("done").gt(false))))
                .withMessage("an ordering of 'done' is refused: it is stored as BOOL, which has no order;"
                        + " compare with eq or ne");
        verifyNoInteractions(client);
    }

    @Test
    void delete_orderingOfAnInstantStoredAsAString_isRefusedBeforeSending() {
        // GIVEN
        Instant second = Instant.parse("2026-02-01T00:00:00Z");

        // WHEN / THEN
        for (Condition ordering : List.of(Condition.attribute("createdAt").lt(second),
                Condition.attribute("createdAt").le(second), Condition.attribute("createdAt").gt(second),
                Condition.attribute("createdAt").ge(second),
                Condition.attribute("createdAt").between(second, second.plusMillis(500)))) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> todos.delete(ALICE, "t1", Precondition.when(ordering)))
                    .withMessage("an ordering of 'createdAt' is refused: an Instant is stored as an ISO-8601 string"
                            + " whose fraction varies in width (2026-01-01T00:00:00Z sorts after"
                            + " 2026-01-01T00:00:00.500Z); compare with eq or ne, or order by a sort key, where"
                            + " instants have a fixed width");
        }
        verifyNoInteractions(client);
    }

    @Test
    void delete_beginsWithOnADateAndSizeOfABoolean_areRefusedBeforeSending() {
        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1",
                        Precondition.when(Condition.attribute("dueDate").beginsWith("2026"))))
                .withMessage("beginsWith on 'dueDate' needs a String attribute; it is a LocalDate");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1",
                        Precondition.when(Condition.attribute("done").size().gt(1))))
                .withMessage("size() of 'done' needs a string, binary, list, set or map attribute; it is a boolean");
        verifyNoInteractions(client);
    }

    @Test
    void delete_conditionOnAnEntityWithUniqueAttributes_isRefusedBeforeReading() {
        // GIVEN
        EntityRepository<User> users = SingleTable.builder().client(client).tableName("app").build()
                .repository(User.ENTITY);

        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> users.delete(Scope.unscoped(), "u1",
                        Precondition.when(Condition.attribute("name").eq("Ann"))))
                .withMessage("User has unique attributes or constraints that span attributes, so this write reads the"
                        + " item and writes it only if unchanged since, which cannot carry a condition");
        verifyNoInteractions(client);
    }

    @Test
    void attribute_comparedWithNull_isRefusedWhenBuilt() {
        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Condition.attribute("title").eq(null))
                .withMessage("a condition on 'title' compares with null; use notExists()");
    }

    private Todo todo(long version) {
        return new Todo("u1", "t1", "Ship it", false, null, version, CREATED, CREATED);
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
}
