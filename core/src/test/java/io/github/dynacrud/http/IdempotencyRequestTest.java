package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import io.github.dynacrud.UnauthorizedException;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.table.IdempotencyStore;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.SingleTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Idempotent creates against a mocked client: the one exact transaction they send, and how its outcomes answer. */
class IdempotencyRequestTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final String BODY = "{\"title\": \"Buy milk\"}";

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final SingleTable table = SingleTable.builder().client(client).tableName("app")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private final Router router = Router.builder()
            .resource("/todos", table.repository(Todo.ENTITY), ResourceOptions.builder()
                    .idempotency(Idempotency.of(IdempotencyStore.builder().expiryAttribute("ttl")
                            .period(Duration.ofHours(2)).build()))
                    .build())
            .build();

    private static HttpRequest post(String key, String body) {
        HttpRequest.Builder request = HttpRequest.builder().method("POST").path("/todos")
                .principal(Principal.of("alice")).requestId("r1").header("Content-Type", "application/json")
                .body(body);
        return (key == null ? request : request.header("Idempotency-Key", key)).build();
    }

    private List<TransactWriteItemsRequest> sent() {
        return mockingDetails(client).getInvocations().stream().map(i -> i.getArgument(0))
                .map(TransactWriteItemsRequest.class::cast).toList();
    }

    private static TransactionCanceledException cancelled(Map<String, AttributeValue> oldRecord, String... codes) {
        CancellationReason item = CancellationReason.builder().code(codes[0]).build();
        CancellationReason record = CancellationReason.builder().code(codes[1]).item(oldRecord).build();
        return TransactionCanceledException.builder().cancellationReasons(item, record).build();
    }

    /** Sends a first request that commits and returns the record it wrote. */
    private Map<String, AttributeValue> firstRecord(String body) {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());
        assertThat(router.route(post("key-1", body)).status()).isEqualTo(201);
        return sent().get(sent().size() - 1).transactItems().get(1).put().item();
    }

    @Test
    void post_withAKey_sendsOneTransactionOfTheItemAndItsRecordWithTheExactCondition() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        HttpResponse response = router.route(post("key-1", BODY));

        // THEN one request: the todo's conditioned Put, then the record's
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().first(Idempotency.REPLAYED_HEADER)).isEmpty();
        assertThat(sent()).hasSize(1);
        List<Put> puts = sent().get(0).transactItems().stream().map(w -> w.put()).toList();
        assertThat(puts).hasSize(2);
        assertThat(puts.get(0).item().get("PK").s()).isEqualTo("USER#alice");
        assertThat(puts.get(0).conditionExpression()).isEqualTo("attribute_not_exists(PK)");
        Put record = puts.get(1);
        assertThat(record.tableName()).isEqualTo("app");
        assertThat(record.conditionExpression()).isEqualTo("attribute_not_exists(PK) OR #expiry <= :now");
        assertThat(record.expressionAttributeNames()).isEqualTo(Map.of("#expiry", "ttl"));
        assertThat(record.expressionAttributeValues())
                .isEqualTo(Map.of(":now", AttributeValue.fromN(Long.toString(NOW.getEpochSecond()))));
        assertThat(record.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        Map<String, AttributeValue> item = record.item();
        assertThat(item.get("PK").s()).matches("IDEMPOTENCY#[A-Za-z0-9_-]{43}");
        assertThat(item.get("SK").s()).isEqualTo("IDEMPOTENCY");
        assertThat(item.get("_type").s()).isEqualTo("Idempotency");
        assertThat(item.get("fingerprint").s()).matches("[0-9a-f]{64}");
        assertThat(item.get("status").n()).isEqualTo("201");
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(NOW.getEpochSecond() + 7200));
        assertThat(item.get("body").b().asByteArray()).isEqualTo(response.body());
        assertThat(item.get("headers").m()).isEqualTo(Map.of(
                "Content-Type", AttributeValue.fromS("application/json"),
                "ETag", AttributeValue.fromS("\"1\""),
                "Location", AttributeValue.fromS(response.headers().first("Location").orElseThrow())));
        assertThat(item).hasSize(8);
    }

    @Test
    void post_byTwoUsersOfOneTenantWithOneKey_writesTwoRecordsUnderDifferentKeys() {
        // GIVEN a resource owned by the tenant claim, and two users of one tenant
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());
        Router tenants = Router.builder()
                .resource("/todos", table.repository(Todo.ENTITY), ResourceOptions.builder().ownerClaim("tenant")
                        .idempotency(Idempotency.of(IdempotencyStore.defaults())).build())
                .build();

        // WHEN each sends a create with the same key and body
        for (String user : List.of("alice", "bob")) {
            HttpResponse response = tenants.route(HttpRequest.builder().method("POST").path("/todos")
                    .principal(new Principal(user, Map.of("tenant", "acme"), Set.of())).requestId("r1")
                    .header("Content-Type", "application/json").header("Idempotency-Key", "key-1").body(BODY)
                    .build());
            assertThat(response.status()).isEqualTo(201);
        }

        // THEN both items go to the tenant, and the records' keys differ: one user's key never replays for another
        assertThat(sent()).hasSize(2);
        assertThat(sent()).allSatisfy(request ->
                assertThat(request.transactItems().get(0).put().item().get("PK").s()).isEqualTo("USER#acme"));
        assertThat(sent().get(0).transactItems().get(1).put().item().get("PK"))
                .isNotEqualTo(sent().get(1).transactItems().get(1).put().item().get("PK"));
    }

    @Test
    void idempotentCreate_withoutAPrincipal_is401AndSendsNothing() {
        // GIVEN a request with a key and no principal, as a route without access checks would pass it
        HttpRequest anonymous = HttpRequest.builder().method("POST").path("/todos").requestId("r1")
                .header("Content-Type", "application/json").header("Idempotency-Key", "key-1").body(BODY).build();
        var todos = table.repository(Todo.ENTITY);

        // WHEN / THEN
        assertThatThrownBy(() -> IdempotentCreate.respond(Idempotency.of(IdempotencyStore.defaults()), todos,
                EntityJson.of(Todo.ENTITY), anonymous, Scope.unscoped(),
                new Todo(null, null, "Buy milk", false, null, null, null, null)))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessage("an Idempotency-Key needs an authenticated caller");
        assertThat(sent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"key-1", ""})
    void respond_whoseWriteAddsNothingAndIsNotStored_answersItsResponseAndSendsNothing(String key) {
        // GIVEN a custom route's write that adds no action: a 404 with a key, or a 200 without one
        HttpRequest.Builder request = HttpRequest.builder().method("POST").path("/inbox").requestId("r1")
                .principal(Principal.of("alice"));
        int status = key.isEmpty() ? 200 : 404;
        HttpRequest sent = (key.isEmpty() ? request : request.header("Idempotency-Key", key)).build();

        // WHEN
        HttpResponse response = Idempotency.of(IdempotencyStore.defaults())
                .respond(sent, "alice", table, transaction -> HttpResponse.empty(status));

        // THEN the write's response, and no request to DynamoDB
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers().first(Idempotency.REPLAYED_HEADER)).isEmpty();
        assertThat(mockingDetails(client).getInvocations()).isEmpty();
    }

    @Test
    void post_withoutAKey_sendsOnePlainConditionedPutAndNoTransaction() {
        // GIVEN
        when(client.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());

        // WHEN
        HttpResponse response = router.route(post(null, BODY));

        // THEN
        assertThat(response.status()).isEqualTo(201);
        List<Object> requests = mockingDetails(client).getInvocations().stream().map(i -> i.getArgument(0)).toList();
        assertThat(requests).hasSize(1);
        PutItemRequest put = (PutItemRequest) requests.get(0);
        assertThat(put.item().get("PK").s()).isEqualTo("USER#alice");
        assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(PK)");
    }

    @Test
    void post_whoseRecordExistsForTheSameRequest_answersTheStoredResponseByteForByteFromOneRequest() {
        // GIVEN a first request's record, returned as the old item of the record's failed condition
        Map<String, AttributeValue> stored = firstRecord(BODY);
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled(stored, "None", "ConditionalCheckFailed"));

        // WHEN
        HttpResponse replay = router.route(post("key-1", BODY));

        // THEN the stored status, headers and bytes, marked as replayed; one more request, no read
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(stored.get("body").b().asByteArray());
        assertThat(replay.headers().asMap()).isEqualTo(Map.of(
                "content-type", List.of("application/json"), "etag", List.of("\"1\""),
                "location", List.of(stored.get("headers").m().get("Location").s()),
                "idempotent-replayed", List.of("true")));
        assertThat(sent()).hasSize(2);
    }

    @Test
    void post_whoseRecordExistsForAnotherBody_is422NamingTheKeyMismatch() {
        // GIVEN
        Map<String, AttributeValue> stored = firstRecord("{\"title\": \"Buy bread\"}");
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled(stored, "None", "ConditionalCheckFailed"));

        // WHEN
        HttpResponse response = router.route(post("key-1", BODY));

        // THEN
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
        assertThat(response.bodyText()).contains("\"detail\":\"the Idempotency-Key was already used with another"
                + " request; send a new key with a new request\"");
    }

    @Test
    void post_whoseTransactionKeepsConflicting_is409WithRetryAfter() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled(null, "None", "TransactionConflict"));

        // WHEN
        HttpResponse response = router.route(post("key-1", BODY));

        // THEN
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.headers().first("Retry-After")).contains("1");
        assertThat(response.bodyText()).contains("another request with this Idempotency-Key is being written");
    }

    @Test
    void post_whoseItemKeepsConflictingButNotItsRecord_is503AsWithoutAKey() {
        // GIVEN conflicts on the item only, such as a parent's count written by creates with other keys
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled(null, "TransactionConflict", "None"));

        // WHEN
        HttpResponse response = router.route(post("key-1", BODY));

        // THEN the retryable failure of a create without a key, not the key's 409
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().first("Retry-After")).isPresent();
        assertThat(response.bodyText()).doesNotContain("Idempotency-Key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "caf\u00e9", "tab\tkey"})
    void post_withAMalformedKey_is400NamingTheHeaderAndSendsNothing(String key) {
        // WHEN
        HttpResponse response = router.route(post(key, BODY));

        // THEN
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("{\"field\":\"Idempotency-Key\","
                + "\"message\":\"must be 1 to 255 visible ASCII characters\"}");
        assertThat(sent()).isEmpty();
    }

    @Test
    void post_withAKeyOf256Characters_is400() {
        // WHEN
        HttpResponse response = router.route(post("k".repeat(256), BODY));

        // THEN
        assertThat(response.status()).isEqualTo(400);
        assertThat(sent()).isEmpty();
        assertThat(router.route(post("k".repeat(255), BODY)).status()).isNotEqualTo(400);
    }

    @Test
    void options_idempotencyWithoutCreate_isRefusedAtBuildTime() {
        // GIVEN
        ResourceOptions.Builder options = ResourceOptions.builder().operations(ResourceOptions.Operation.READ)
                .idempotency(Idempotency.of(IdempotencyStore.defaults()));

        // WHEN / THEN
        assertThatThrownBy(options::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idempotency applies to CREATE, which these options leave out");
    }

    @Test
    void store_aPeriodOrAttributeOutOfRange_isRefusedNamingIt() {
        // GIVEN a store's builder; WHEN given a zero period or a key attribute; THEN refused naming the value
        assertThatThrownBy(() -> IdempotencyStore.builder().period(Duration.ZERO))
                .hasMessage("idempotency period PT0S is out of range: give one second to 365 days");
        assertThatThrownBy(() -> IdempotencyStore.builder().expiryAttribute("PK"))
                .hasMessageStartingWith("expiry attribute 'PK' is not a plain attribute name of its own");
    }
}
