package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static io.github.dynacrud.table.StoredItems.n;
import static io.github.dynacrud.table.StoredItems.s;
import static io.github.dynacrud.table.StoredItems.todoKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.RetryableException;
import io.github.dynacrud.StorageException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.fixtures.Todo;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** Create, get and delete of an owner-scoped entity, and how DynamoDB failures come out of them. */
class EntityRepositoryTest {
    /** The clock has sub-millisecond digits, which timestamps drop. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.123456789Z"), ZoneOffset.UTC);
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123Z");
    /** The first 10 ULID characters: the clock's epoch milliseconds in Crockford base32. */
    private static final String ULID_TIME = "01KJVKTCMK";
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Scope ALICE = Scope.owner("u1");

    private final DynamoDbClient client = MockDynamoDb.client();
    private final EntityRepository<Todo> todos = SingleTable.builder().client(client).tableName("app").clock(CLOCK)
            .build().repository(Todo.ENTITY);

    @Test
    void create_newTodo_putsItemWithManagedAttributesOnlyIfKeyIsFree() {
        // GIVEN
        when(client.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        Todo input = new Todo("intruder", null, "Write docs", false, null, 7L, Instant.EPOCH, Instant.EPOCH);

        // WHEN
        Todo created = todos.create(ALICE, input);

        // THEN
        String id = created.id();
        assertThat(id).matches(ULID_TIME + "[0-9A-HJKMNP-TV-Z]{16}");
        assertThat(created).isEqualTo(new Todo("u1", id, "Write docs", false, null, 1L, NOW, NOW));
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(client).putItem(put.capture());
        assertThat(put.getValue()).isEqualTo(PutItemRequest.builder()
                .tableName("app")
                .item(Map.ofEntries(
                        Map.entry("PK", s("USER#u1")),
                        Map.entry("SK", s("TODO#" + id)),
                        Map.entry("GSI1PK", s("USER#u1")),
                        Map.entry("GSI1SK", s("DONE#false#" + id)),
                        Map.entry("_type", s("Todo")),
                        Map.entry("ownerId", s("u1")),
                        Map.entry("id", s(id)),
                        Map.entry("title", s("Write docs")),
                        Map.entry("done", AttributeValue.fromBool(false)),
                        Map.entry("version", n(1)),
                        Map.entry("createdAt", s("2026-03-04T05:06:07.123Z")),
                        Map.entry("updatedAt", s("2026-03-04T05:06:07.123Z"))))
                .conditionExpression("attribute_not_exists(PK)")
                .build());
        assertThat(put.getValue().item()).isEqualTo(StoredItems.todo(created));
        assertThat(requestsSent(client)).containsExactly(put.getValue());
    }

    @Test
    void create_existingKey_throwsItemAlreadyExists() {
        // GIVEN
        when(client.putItem(any(PutItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().message("The conditional request failed").build());

        // WHEN
        ItemAlreadyExistsException thrown = assertThatExceptionOfType(ItemAlreadyExistsException.class)
                .isThrownBy(() -> todos.create(ALICE, Todo.of("Write docs"))).actual();

        // THEN
        assertThat(thrown).hasMessage("Todo already exists");
        assertThat(thrown.status()).isEqualTo(409);
        assertThat(requestsSent(client)).hasSize(1).first().isInstanceOf(PutItemRequest.class);
    }

    @Test
    void create_blankTitle_throwsValidationWithoutCallingDynamoDb() {
        // GIVEN
        Todo blank = Todo.of("   ");

        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> todos.create(ALICE, blank)).actual();

        // THEN
        assertThat(thrown.violations())
                .containsExactly(new ValidationException.Violation("title", "must not be blank"));
        verifyNoInteractions(client);
    }

    @Test
    void create_clientErrorQuotingItemData_throwsStorageExceptionWithoutTheData() {
        // GIVEN
        when(client.putItem(any(PutItemRequest.class))).thenThrow(DynamoDbException.builder()
                .statusCode(400)
                .requestId("req-1")
                .message("One or more parameter values were invalid: secret-title")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                        .errorMessage("One or more parameter values were invalid: secret-title").build())
                .build());

        // WHEN
        StorageException thrown = assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> todos.create(ALICE, Todo.of("secret-title"))).actual();

        // THEN
        assertThat(thrown).hasMessage("DynamoDB PutItem failed: ValidationException (HTTP 400, request id req-1)");
        assertThat(thrown.getMessage()).doesNotContain("secret-title");
        assertThat(thrown.status()).isEqualTo(500);
    }

    @Test
    void get_existingTodo_readsItConsistentlyByKey() {
        // GIVEN
        Todo stored = new Todo("u1", "t1", "Write docs", true, null, 2L, CREATED, NOW);
        when(client.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder().item(StoredItems.todo(stored)).build());

        // WHEN
        Optional<Todo> found = todos.get(ALICE, "t1");

        // THEN
        assertThat(found).contains(stored);
        ArgumentCaptor<GetItemRequest> get = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(client).getItem(get.capture());
        assertThat(get.getValue()).isEqualTo(GetItemRequest.builder()
                .tableName("app").key(todoKey("u1", "t1")).consistentRead(true).build());
        assertThat(requestsSent(client)).containsExactly(get.getValue());
    }

    @Test
    void get_itemOfAnotherType_isEmpty() {
        // GIVEN
        Map<String, AttributeValue> note = StoredItems.withType(
                StoredItems.todo(new Todo("u1", "t1", "Write docs", false, null, 1L, CREATED, CREATED)), "Note");
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(note).build());

        // WHEN
        Optional<Todo> found = todos.get(ALICE, "t1");

        // THEN
        assertThat(found).isEmpty();
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void get_noItem_isEmpty() {
        // GIVEN
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());

        // WHEN
        Optional<Todo> found = todos.get(ALICE, "t1");

        // THEN
        assertThat(found).isEmpty();
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void get_idContainingSeparator_throwsValidationWithoutCallingDynamoDb() {
        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> todos.get(ALICE, "t1#PROFILE")).actual();

        // THEN
        assertThat(thrown.violations())
                .containsExactly(new ValidationException.Violation("id", "must not contain '#'"));
        verifyNoInteractions(client);
    }

    @Test
    void get_throttled_throwsRetryable() {
        // GIVEN
        when(client.getItem(any(GetItemRequest.class))).thenThrow(ProvisionedThroughputExceededException.builder()
                .statusCode(400)
                .requestId("req-2")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build());

        // WHEN
        RetryableException thrown = assertThatExceptionOfType(RetryableException.class)
                .isThrownBy(() -> todos.get(ALICE, "t1")).actual();

        // THEN
        assertThat(thrown).hasMessage(
                "DynamoDB GetItem failed: ProvisionedThroughputExceededException (HTTP 400, request id req-2)");
        assertThat(thrown.status()).isEqualTo(503);
    }

    @Test
    void delete_existingTodo_deletesItOnlyIfItIsATodo() {
        // GIVEN
        when(client.deleteItem(any(DeleteItemRequest.class))).thenReturn(DeleteItemResponse.builder().build());

        // WHEN
        todos.delete(ALICE, "t1");

        // THEN
        DeleteItemRequest request = capturedDelete();
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo'");
        assertThat(placeholders.unusedIn(request.conditionExpression())).isEmpty();
        assertThat(withoutExpressions(request)).isEqualTo(DeleteItemRequest.builder()
                .tableName("app")
                .key(todoKey("u1", "t1"))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void delete_expectedVersion_alsoChecksTheVersion() {
        // GIVEN
        when(client.deleteItem(any(DeleteItemRequest.class))).thenReturn(DeleteItemResponse.builder().build());

        // WHEN
        todos.delete(ALICE, "t1", 3);

        // THEN
        DeleteItemRequest request = capturedDelete();
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo' AND version = 3");
        assertThat(placeholders.unusedIn(request.conditionExpression())).isEmpty();
        assertThat(withoutExpressions(request)).isEqualTo(DeleteItemRequest.builder()
                .tableName("app")
                .key(todoKey("u1", "t1"))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void delete_conditionFailsWithOldTodo_throwsVersionConflict() {
        // GIVEN
        Todo newer = new Todo("u1", "t1", "Write docs", false, null, 4L, CREATED, NOW);
        when(client.deleteItem(any(DeleteItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
                .item(StoredItems.todo(newer)).build());

        // WHEN
        VersionConflictException thrown = assertThatExceptionOfType(VersionConflictException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1", 3)).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(412);
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void delete_conditionFailsWithoutItem_throwsItemNotFound() {
        // GIVEN
        when(client.deleteItem(any(DeleteItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().build());

        // WHEN
        ItemNotFoundException thrown = assertThatExceptionOfType(ItemNotFoundException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1", 3)).actual();

        // THEN
        assertThat(thrown).hasMessage("Todo not found");
        assertThat(thrown.status()).isEqualTo(404);
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void delete_conditionFailsWithItemOfAnotherType_throwsItemNotFound() {
        // GIVEN
        Map<String, AttributeValue> note = StoredItems.withType(
                StoredItems.todo(new Todo("u1", "t1", "Write docs", false, null, 3L, CREATED, CREATED)), "Note");
        when(client.deleteItem(any(DeleteItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().item(note).build());

        // WHEN
        ItemNotFoundException thrown = assertThatExceptionOfType(ItemNotFoundException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1", 3)).actual();

        // THEN
        assertThat(thrown).hasMessage("Todo not found");
    }

    @Test
    void delete_serverError_throwsRetryable() {
        // GIVEN
        when(client.deleteItem(any(DeleteItemRequest.class))).thenThrow(DynamoDbException.builder()
                .statusCode(500)
                .requestId("req-3")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError").build())
                .build());

        // WHEN
        RetryableException thrown = assertThatExceptionOfType(RetryableException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1")).actual();

        // THEN
        assertThat(thrown).hasMessage("DynamoDB DeleteItem failed: InternalServerError (HTTP 500, request id req-3)");
        assertThat(thrown.status()).isEqualTo(503);
    }

    @Test
    void delete_networkFailure_throwsRetryable() {
        // GIVEN
        when(client.deleteItem(any(DeleteItemRequest.class))).thenThrow(SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection reset")
                .cause(new IOException("Connection reset"))
                .build());

        // WHEN
        RetryableException thrown = assertThatExceptionOfType(RetryableException.class)
                .isThrownBy(() -> todos.delete(ALICE, "t1")).actual();

        // THEN
        assertThat(thrown).hasMessage("DynamoDB DeleteItem could not be reached: SdkClientException");
        assertThat(thrown.status()).isEqualTo(503);
    }

    private DeleteItemRequest capturedDelete() {
        ArgumentCaptor<DeleteItemRequest> delete = ArgumentCaptor.forClass(DeleteItemRequest.class);
        verify(client).deleteItem(delete.capture());
        return delete.getValue();
    }

    private static DeleteItemRequest withoutExpressions(DeleteItemRequest request) {
        return request.toBuilder().conditionExpression(null)
                .expressionAttributeNames(null).expressionAttributeValues(null).build();
    }
}
