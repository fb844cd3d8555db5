package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static io.github.dynacrud.table.StoredItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.dynacrud.InvalidCursorException;
import io.github.dynacrud.StorageException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Key queries of a partition or an index, one Query request per page, and cursors bound to their query. */
class EntityRepositoryQueryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.123Z"), ZoneOffset.UTC);
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Scope ALICE = Scope.owner("u1");
    private static final Todo FIRST = new Todo("u1", "t1", "Write docs", true, null, 1L, CREATED, CREATED);
    private static final Todo SECOND = new Todo("u1", "t2", "Ship it", true, null, 2L, CREATED, CREATED);

    private final DynamoDbClient client = MockDynamoDb.client();
    private final EntityRepository<Todo> todos = repository(SingleTable.builder(), Todo.ENTITY);

    @Test
    void query_table_readsOwnersPartitionByTypePrefixConsistently() {
        // GIVEN
        Map<String, AttributeValue> note = StoredItems.withType(StoredItems.todo(SECOND), "Note");
        returns(QueryResponse.builder().items(StoredItems.todo(FIRST), note).build());

        // WHEN
        Page<Todo> page = todos.query(ALICE, Query.table().limit(10).build());

        // THEN
        assertThat(page.items()).containsExactly(FIRST);
        assertThat(page.nextCursor()).isEmpty();
        QueryRequest request = capturedQuery();
        Placeholders placeholders = placeholders(request);
        assertThat(placeholders.resolve(request.keyConditionExpression()))
                .isEqualTo("PK = 'USER#u1' AND begins_with(SK, 'TODO#')");
        assertThat(placeholders.resolve(request.filterExpression())).isEqualTo("_type = 'Todo'");
        assertThat(placeholders.unusedIn(request.keyConditionExpression(), request.filterExpression())).isEmpty();
        assertThat(withoutExpressions(request)).isEqualTo(QueryRequest.builder()
                .tableName("app").limit(10).scanIndexForward(true).consistentRead(true).build());
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void query_indexWithSortKeyPrefix_readsIndexByRenderedPrefixWithoutConsistentRead() {
        // GIVEN
        returns(QueryResponse.builder().items(StoredItems.todo(FIRST)).build());
        Query open = Query.index("GSI1").sortKey(SortKeyCondition.beginsWith(Map.of("done", true)))
                .limit(5).descending().build();

        // WHEN
        Page<Todo> page = todos.query(ALICE, open);

        // THEN
        assertThat(page.items()).containsExactly(FIRST);
        QueryRequest request = capturedQuery();
        Placeholders placeholders = placeholders(request);
        assertThat(placeholders.resolve(request.keyConditionExpression()))
                .isEqualTo("GSI1PK = 'USER#u1' AND begins_with(GSI1SK, 'DONE#true#')");
        assertThat(placeholders.resolve(request.filterExpression())).isEqualTo("_type = 'Todo'");
        assertThat(placeholders.unusedIn(request.keyConditionExpression(), request.filterExpression())).isEmpty();
        assertThat(withoutExpressions(request)).isEqualTo(QueryRequest.builder()
                .tableName("app").indexName("GSI1").limit(5).scanIndexForward(false).consistentRead(false).build());
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void query_unscopedIndexByPartitionValue_rendersPartitionFromQuery() {
        // GIVEN
        EntityRepository<User> users = repository(SingleTable.builder(), User.ENTITY);
        User ada = new User("u7", "ada@example.com", "Ada", null, 1, CREATED, CREATED);
        returns(QueryResponse.builder().items(StoredItems.user(ada)).build());

        // WHEN
        Page<User> page = users.query(Scope.unscoped(),
                Query.index("GSI1").partition("email", "ada@example.com").limit(1).build());

        // THEN
        assertThat(page.items()).containsExactly(ada);
        QueryRequest request = capturedQuery();
        Placeholders placeholders = placeholders(request);
        assertThat(placeholders.resolve(request.keyConditionExpression()))
                .isEqualTo("GSI1PK = 'EMAIL#ada@example.com' AND begins_with(GSI1SK, 'USER')");
        assertThat(placeholders.resolve(request.filterExpression())).isEqualTo("_type = 'User'");
        assertThat(withoutExpressions(request)).isEqualTo(QueryRequest.builder()
                .tableName("app").indexName("GSI1").limit(1).scanIndexForward(true).consistentRead(false).build());
    }

    @Test
    void query_pageWithLastEvaluatedKey_givesCursorThatStartsTheNextPageThere() {
        // GIVEN
        Map<String, AttributeValue> lastKey = Map.of("PK", s("USER#u1"), "SK", s("TODO#t1"));
        when(client.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(StoredItems.todo(FIRST)).lastEvaluatedKey(lastKey).build())
                .thenReturn(QueryResponse.builder().items(StoredItems.todo(SECOND)).build());
        Page<Todo> first = todos.query(ALICE, Query.table().limit(1).build());

        // WHEN
        String cursor = first.nextCursor().orElseThrow();
        Page<Todo> second = todos.query(ALICE, Query.table().limit(1).cursor(cursor).build());

        // THEN
        assertThat(second.items()).containsExactly(SECOND);
        assertThat(second.nextCursor()).isEmpty();
        List<QueryRequest> requests = capturedQueries(2);
        assertThat(requests.get(0).hasExclusiveStartKey()).isFalse();
        assertThat(requests.get(1).exclusiveStartKey()).isEqualTo(lastKey);
        assertThat(requests.get(1).toBuilder().exclusiveStartKey(null).build()).isEqualTo(requests.get(0));
    }

    @Test
    void query_indexPageWithLastEvaluatedKey_givesCursorCarryingIndexAndTableKeys() {
        // GIVEN
        Map<String, AttributeValue> lastKey = Map.of("GSI1PK", s("USER#u1"), "GSI1SK", s("DONE#true#t1"),
                "PK", s("USER#u1"), "SK", s("TODO#t1"));
        returns(QueryResponse.builder().items(StoredItems.todo(FIRST)).lastEvaluatedKey(lastKey).build());
        Query.Builder open = Query.index("GSI1").sortKey(SortKeyCondition.beginsWith(Map.of("done", true)));
        String cursor = todos.query(ALICE, open.build()).nextCursor().orElseThrow();

        // WHEN
        todos.query(ALICE, open.cursor(cursor).build());

        // THEN
        assertThat(capturedQueries(2).get(1).exclusiveStartKey()).isEqualTo(lastKey);
    }

    @Test
    void query_cursorWithEqualSortConditionWrittenInAnotherOrder_continuesAfterLastKey() {
        // GIVEN
        Map<String, AttributeValue> lastKey = Map.of("GSI1PK", s("USER#u1"), "GSI1SK", s("DONE#false#t3"),
                "PK", s("USER#u1"), "SK", s("TODO#t3"));
        returns(QueryResponse.builder().items(StoredItems.todo(FIRST)).lastEvaluatedKey(lastKey).build());
        Map<String, Object> doneThenId = new LinkedHashMap<>();
        doneThenId.put("done", false);
        doneThenId.put("id", "t1");
        Map<String, Object> idThenDone = new LinkedHashMap<>();
        idThenDone.put("id", "t1");
        idThenDone.put("done", false);
        SortKeyCondition after = SortKeyCondition.compare(SortKeyCondition.Operator.GREATER_THAN, doneThenId);
        SortKeyCondition sameAfter = SortKeyCondition.compare(SortKeyCondition.Operator.GREATER_THAN, idThenDone);
        String cursor = todos.query(ALICE, Query.index("GSI1").sortKey(after).build()).nextCursor().orElseThrow();

        // WHEN
        todos.query(ALICE, Query.index("GSI1").sortKey(sameAfter).cursor(cursor).build());

        // THEN
        assertThat(sameAfter).isEqualTo(after);
        List<QueryRequest> requests = capturedQueries(2);
        assertThat(placeholders(requests.get(1)).resolve(requests.get(1).keyConditionExpression()))
                .isEqualTo("GSI1PK = 'USER#u1' AND GSI1SK > 'DONE#false#t1'");
        assertThat(requests.get(1).exclusiveStartKey()).isEqualTo(lastKey);
    }

    @Test
    void query_cursorOfAscendingQueryUsedDescending_throwsInvalidCursorWithoutCall() {
        // GIVEN
        String cursor = firstPageCursor(todos);

        // WHEN
        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> todos.query(ALICE, Query.table().limit(1).descending().cursor(cursor).build()));

        // THEN
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void query_cursorOfAnotherOwner_throwsInvalidCursorWithoutCall() {
        // GIVEN
        String cursor = firstPageCursor(todos);

        // WHEN
        InvalidCursorException thrown = assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> todos.query(Scope.owner("u2"), Query.table().limit(1).cursor(cursor).build()))
                .actual();

        // THEN
        assertThat(thrown).hasMessage("cursor is invalid or belongs to another query");
        assertThat(thrown.status()).isEqualTo(400);
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void query_alteredSignedCursor_throwsInvalidCursorWithoutCall() {
        // GIVEN
        EntityRepository<Todo> signed = repository(SingleTable.builder()
                .cursorSecret("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8)), Todo.ENTITY);
        String cursor = firstPageCursor(signed);
        int middle = cursor.length() / 2;
        String altered = cursor.substring(0, middle) + (cursor.charAt(middle) == 'A' ? 'B' : 'A')
                + cursor.substring(middle + 1);

        // WHEN
        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> signed.query(ALICE, Query.table().limit(1).cursor(altered).build()));

        // THEN
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void query_truncatedCursor_throwsInvalidCursorWithoutCall() {
        // GIVEN
        String cursor = firstPageCursor(todos);
        String truncated = cursor.substring(0, cursor.length() - 4);

        // WHEN
        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> todos.query(ALICE, Query.table().limit(1).cursor(truncated).build()));

        // THEN
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void query_startKeyRefusedByDynamoDb_throwsInvalidCursor() {
        // GIVEN
        String cursor = firstPageCursor(todos);
        when(client.query(any(QueryRequest.class))).thenThrow(validationException());

        // WHEN
        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> todos.query(ALICE, Query.table().limit(1).cursor(cursor).build()));

        // THEN
        assertThat(requestsSent(client)).hasSize(2);
    }

    @Test
    void query_validationFailureWithoutCursor_throwsStorageException() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenThrow(validationException());

        // WHEN
        StorageException thrown = assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> todos.query(ALICE, Query.table().build())).actual();

        // THEN
        assertThat(thrown).hasMessage("DynamoDB Query failed: ValidationException (HTTP 400, request id req-9)");
    }

    private <T extends Record> EntityRepository<T> repository(SingleTable.Builder table,
            Entity<T> entity) {
        return table.client(client).tableName("app").clock(CLOCK).build().repository(entity);
    }

    /** Runs a first page that ends after {@link #FIRST} and returns its cursor. */
    private String firstPageCursor(EntityRepository<Todo> repository) {
        returns(QueryResponse.builder().items(StoredItems.todo(FIRST))
                .lastEvaluatedKey(Map.of("PK", s("USER#u1"), "SK", s("TODO#t1"))).build());
        return repository.query(ALICE, Query.table().limit(1).build()).nextCursor().orElseThrow();
    }

    private void returns(QueryResponse response) {
        when(client.query(any(QueryRequest.class))).thenReturn(response);
    }

    private QueryRequest capturedQuery() {
        return capturedQueries(1).get(0);
    }

    private List<QueryRequest> capturedQueries(int count) {
        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(client, times(count)).query(query.capture());
        assertThat(requestsSent(client)).containsExactlyElementsOf(query.getAllValues());
        return query.getAllValues();
    }

    private static AwsServiceException validationException() {
        return DynamoDbException.builder()
                .statusCode(400)
                .requestId("req-9")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                        .errorMessage("The provided starting key is invalid").build())
                .build();
    }

    private static Placeholders placeholders(QueryRequest request) {
        return new Placeholders(request.expressionAttributeNames(), request.expressionAttributeValues());
    }

    private static QueryRequest withoutExpressions(QueryRequest request) {
        return request.toBuilder().keyConditionExpression(null).filterExpression(null)
                .expressionAttributeNames(null).expressionAttributeValues(null).build();
    }
}
