package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static io.github.dynacrud.table.StoredItems.todo;
import static io.github.dynacrud.table.StoredItems.todoKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.dynacrud.RetryableException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Batch reads and writes: the exact requests, their chunks, and the retries of what DynamoDB left unprocessed. */
class BatchOperationsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final Scope ALICE = Scope.owner("u1");

    private final DynamoDbClient client = MockDynamoDb.client();
    private final SingleTable table = SingleTable.builder().client(client).tableName("app").clock(CLOCK).build();
    private final EntityRepository<Todo> todos = table.repository(Todo.ENTITY);

    private static Todo stored(String id) {
        return new Todo("u1", id, "todo " + id, false, null, 1L, NOW, NOW);
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "t" + i).toList();
    }

    @Test
    void getAll_250Ids_sendsThreeConsistentBatchGetsOf100And100And50KeysOfTheCallerOnly() {
        // GIVEN every item exists
        when(client.batchGetItem(any(BatchGetItemRequest.class))).thenAnswer(invocation -> {
            List<Map<String, AttributeValue>> keys = invocation.<BatchGetItemRequest>getArgument(0).requestItems()
                    .get("app").keys();
            // Returned in another order, as DynamoDB may.
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            keys.forEach(key -> items.add(0, todo(stored(key.get("SK").s().substring(5)))));
            return BatchGetItemResponse.builder().responses(Map.of("app", items)).build();
        });

        // WHEN
        List<Todo> found = todos.getAll(ALICE, ids(250));

        // THEN
        List<DynamoDbRequest> sent = requestsSent(client);
        assertThat(sent).hasSize(3).allMatch(BatchGetItemRequest.class::isInstance);
        List<KeysAndAttributes> chunks = sent.stream()
                .map(r -> ((BatchGetItemRequest) r).requestItems().get("app")).toList();
        assertThat(chunks).extracting(c -> c.keys().size()).containsExactly(100, 100, 50);
        assertThat(chunks).allMatch(c -> Boolean.TRUE.equals(c.consistentRead()) && c.projectionExpression() == null);
        assertThat(chunks.get(0).keys().get(0)).isEqualTo(todoKey("u1", "t0"));
        assertThat(chunks.get(2).keys().get(49)).isEqualTo(todoKey("u1", "t249"));
        assertThat(found).extracting(Todo::id).containsExactlyElementsOf(ids(250));
    }

    @Test
    void getAll_unprocessedKeys_areAskedAgainAloneUntilRead_andResultsKeepTheOrderAsked() {
        // GIVEN the first answer leaves t1 unprocessed and has no t2, which does not exist
        KeysAndAttributes unprocessed = KeysAndAttributes.builder().keys(todoKey("u1", "t1")).consistentRead(true)
                .build();
        when(client.batchGetItem(any(BatchGetItemRequest.class)))
                .thenReturn(BatchGetItemResponse.builder().responses(Map.of("app", List.of(todo(stored("t0")))))
                        .unprocessedKeys(Map.of("app", unprocessed)).build())
                .thenReturn(BatchGetItemResponse.builder().responses(Map.of("app", List.of(todo(stored("t1")))))
                        .build());

        // WHEN
        List<Todo> found = todos.getAll(ALICE, List.of("t1", "t2", "t0", "t1"));

        // THEN
        List<DynamoDbRequest> sent = requestsSent(client);
        assertThat(sent).hasSize(2);
        assertThat(((BatchGetItemRequest) sent.get(0)).requestItems().get("app").keys())
                .containsExactly(todoKey("u1", "t1"), todoKey("u1", "t2"), todoKey("u1", "t0"));
        assertThat(((BatchGetItemRequest) sent.get(1)).requestItems()).isEqualTo(Map.of("app", unprocessed));
        assertThat(found).extracting(Todo::id).containsExactly("t1", "t0");
    }

    @Test
    void getAll_keysStayUnprocessed_throwsRetryableAfterTheLastAttempt() {
        // GIVEN
        KeysAndAttributes unprocessed = KeysAndAttributes.builder().keys(todoKey("u1", "t0")).build();
        when(client.batchGetItem(any(BatchGetItemRequest.class))).thenReturn(BatchGetItemResponse.builder()
                .unprocessedKeys(Map.of("app", unprocessed)).build());

        // WHEN / THEN
        assertThatExceptionOfType(RetryableException.class).isThrownBy(() -> todos.getAll(ALICE, List.of("t0")))
                .withMessageContaining("BatchGetItem left keys unprocessed 6 times");
        assertThat(requestsSent(client)).hasSize(6);
    }

    @Test
    void getAll_itemOfAnotherTypeUnderTheKey_isLeftOut() {
        // GIVEN
        when(client.batchGetItem(any(BatchGetItemRequest.class))).thenReturn(BatchGetItemResponse.builder()
                .responses(Map.of("app", List.of(StoredItems.withType(todo(stored("t0")), "Other")))).build());

        // WHEN / THEN
        assertThat(todos.getAll(ALICE, List.of("t0"))).isEmpty();
    }

    @Test
    void getAll_idThatCouldForgeAKey_isRefusedBeforeSending() {
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> todos.getAll(ALICE, List.of("t0", "x#TODO#y")));
        verifyNoInteractions(client);
    }

    @Test
    void batchWrite_60PutsAndDeletes_sendsChunksOf25UnconditionalWritesWithManagedValues() {
        // GIVEN
        when(client.batchWriteItem(any(BatchWriteItemRequest.class)))
                .thenReturn(BatchWriteItemResponse.builder().build());
        BatchWrite<Todo> batch = todos.batchWrite(ALICE, BatchWrite.Waiver.VERSION_CHECKS);
        ids(55).forEach(id -> batch.put(new Todo("intruder", id, "todo " + id, false, null, 7L, null, null)));
        batch.delete("d1").delete(Map.of("id", "d2"));
        IntStream.range(3, 6).forEach(i -> batch.delete("d" + i));

        // WHEN
        List<Todo> stored = batch.run();

        // THEN
        List<DynamoDbRequest> sent = requestsSent(client);
        assertThat(sent).hasSize(3).allMatch(BatchWriteItemRequest.class::isInstance);
        List<List<WriteRequest>> chunks = sent.stream()
                .map(r -> ((BatchWriteItemRequest) r).requestItems().get("app")).toList();
        assertThat(chunks).extracting(List::size).containsExactly(25, 25, 10);
        assertThat(chunks.get(0).get(0).putRequest().item()).isEqualTo(todo(stored("t0")));
        assertThat(chunks.get(2).get(5).deleteRequest().key()).isEqualTo(todoKey("u1", "d1"));
        assertThat(chunks.get(2).get(9).deleteRequest().key()).isEqualTo(todoKey("u1", "d5"));
        assertThat(stored).hasSize(55).first().isEqualTo(stored("t0"));
    }

    @Test
    void batchWrite_unprocessedItems_areSentAgainAlone() {
        // GIVEN
        WriteRequest left = WriteRequest.builder().deleteRequest(d -> d.key(todoKey("u1", "d1"))).build();
        when(client.batchWriteItem(any(BatchWriteItemRequest.class)))
                .thenReturn(BatchWriteItemResponse.builder().unprocessedItems(Map.of("app", List.of(left))).build())
                .thenReturn(BatchWriteItemResponse.builder().build());

        // WHEN
        todos.batchWrite(ALICE, BatchWrite.Waiver.VERSION_CHECKS).delete("d0").delete("d1").run();

        // THEN
        List<DynamoDbRequest> sent = requestsSent(client);
        assertThat(sent).hasSize(2);
        assertThat(((BatchWriteItemRequest) sent.get(0)).requestItems().get("app")).hasSize(2);
        assertThat(((BatchWriteItemRequest) sent.get(1)).requestItems()).isEqualTo(Map.of("app", List.of(left)));
    }

    @Test
    void batchWrite_ofAVersionedEntityWithoutWaiver_orWithUniqueAttributes_isRefusedAtCallTime() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> todos.batchWrite(ALICE))
                .withMessageContaining("Todo has a version attribute").withMessageContaining("VERSION_CHECKS");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> table.repository(User.ENTITY).batchWrite(Scope.unscoped(),
                        BatchWrite.Waiver.VERSION_CHECKS))
                .withMessageContaining("User has unique attributes [email]");
        verifyNoInteractions(client);
    }

    @Test
    void batchWrite_invalidItemOrOneKeyTwice_isRefusedBeforeAnythingIsSent() {
        BatchWrite<Todo> invalid = todos.batchWrite(ALICE, BatchWrite.Waiver.VERSION_CHECKS)
                .put(Todo.of("fine")).put(Todo.of(" "));
        assertThatExceptionOfType(ValidationException.class).isThrownBy(invalid::run);

        BatchWrite<Todo> twice = todos.batchWrite(ALICE, BatchWrite.Waiver.VERSION_CHECKS)
                .put(stored("t1")).delete("t1");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(twice::run)
                .withMessageContaining("names one item twice");
        verifyNoInteractions(client);
    }

    @Test
    void batchWrite_withoutOwnerScopeForAnOwnedEntity_isRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> todos.batchWrite(Scope.unscoped(), BatchWrite.Waiver.VERSION_CHECKS));
    }
}
