package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.IdempotencyStore;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Idempotent creates against DynamoDB Local: replays write nothing, one key under concurrency makes one item, keys are
 * per caller and per request, expire, and are never taken by a failed request.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class IdempotencyIT {
    private static final Instant T1 = Instant.parse("2026-03-01T09:30:00Z");
    private static final Principal ALICE = Principal.of("alice");
    private static final Principal BOB = Principal.of("bob");
    private static final String MILK = "{\"title\": \"Buy milk\"}";

    private DynamoDbClient dynamoDb;
    private String tableName;
    private Router router;

    @BeforeEach
    void mount(DynamoDbClient client) {
        dynamoDb = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("idempotency");
        LocalTable.create(client, tableName, Todo.ENTITY, User.ENTITY);
        router = routerAt(T1);
    }

    /** The resources over the same table, with a clock fixed at {@code now}: records live for one hour. */
    private Router routerAt(Instant now) {
        SingleTable table = SingleTable.builder().client(dynamoDb).tableName(tableName)
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        Idempotency idempotency = Idempotency.of(IdempotencyStore.builder().period(Duration.ofHours(1)).build());
        return Router.builder()
                .resource("/todos", table.repository(Todo.ENTITY),
                        ResourceOptions.builder().idempotency(idempotency).build())
                .resource("/users", table.repository(User.ENTITY), ResourceOptions.builder()
                        .operations(ResourceOptions.Operation.CREATE).idempotency(idempotency).build())
                .build();
    }

    private static HttpRequest post(String path, Principal caller, String key, String body) {
        return HttpRequest.builder().method("POST").path(path).principal(caller).requestId("r1")
                .header("Content-Type", "application/json").header("Idempotency-Key", key).body(body).build();
    }

    private List<Map<String, AttributeValue>> items(String type) {
        return dynamoDb.scan(r -> r.tableName(tableName)).items().stream()
                .filter(item -> item.get("_type").s().equals(type)).toList();
    }

    private static void assertReplayOf(HttpResponse replay, HttpResponse first) {
        assertThat(replay.status()).isEqualTo(first.status());
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.headers()).isEqualTo(first.headers().with("Idempotent-Replayed", "true"));
    }

    @Test
    void repeat_ofACreate_answersTheSameStatusHeadersAndBodyAndWritesNothing() {
        // GIVEN
        HttpResponse first = router.route(post("/todos", ALICE, "k1", MILK));
        assertThat(first.status()).as(first.bodyText()).isEqualTo(201);
        assertThat(first.headers().first("Idempotent-Replayed")).isEmpty();
        List<Map<String, AttributeValue>> before = dynamoDb.scan(r -> r.tableName(tableName)).items();

        // WHEN
        HttpResponse replay = router.route(post("/todos", ALICE, "k1", MILK));

        // THEN
        assertReplayOf(replay, first);
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).items()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(items("Todo")).hasSize(1);
        assertThat(items("Idempotency")).hasSize(1);
    }

    @Test
    void twentyConcurrentRequests_withOneKey_createOneItemAndAnswerTheStoredResponseOr409() throws Exception {
        // GIVEN
        int requests = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<HttpResponse>> answers = new ArrayList<>();

        // WHEN
        try {
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return router.route(post("/todos", ALICE, "same-key", MILK));
                }));
            }
            start.countDown();
            List<HttpResponse> responses = new ArrayList<>();
            for (Future<HttpResponse> answer : answers) {
                responses.add(answer.get());
            }

            // THEN one todo; one fresh 201; every other answer its replay, or a 409 with Retry-After
            assertThat(items("Todo")).hasSize(1);
            List<HttpResponse> fresh = responses.stream()
                    .filter(r -> r.status() == 201 && r.headers().first("Idempotent-Replayed").isEmpty()).toList();
            assertThat(fresh).hasSize(1);
            for (HttpResponse response : responses) {
                if (response.status() == 409) {
                    assertThat(response.headers().first("Retry-After")).contains("1");
                } else if (response != fresh.get(0)) {
                    assertReplayOf(response, fresh.get(0));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void repeat_withAnotherBody_is422AndWritesNothing() {
        // GIVEN
        router.route(post("/todos", ALICE, "k1", MILK));

        // WHEN
        HttpResponse response = router.route(post("/todos", ALICE, "k1", "{\"title\": \"Buy bread\"}"));

        // THEN
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
        assertThat(response.bodyText()).contains("the Idempotency-Key was already used with another request");
        assertThat(items("Todo")).hasSize(1);
    }

    @Test
    void anotherCaller_withTheSameKey_createsItsOwnItem() {
        // GIVEN
        HttpResponse alices = router.route(post("/todos", ALICE, "k1", MILK));

        // WHEN
        HttpResponse bobs = router.route(post("/todos", BOB, "k1", MILK));

        // THEN
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.headers().first("Idempotent-Replayed")).isEmpty();
        assertThat(bobs.headers().first("Location")).isNotEqualTo(alices.headers().first("Location"));
        assertThat(items("Todo")).extracting(item -> item.get("PK").s())
                .containsExactlyInAnyOrder("USER#alice", "USER#bob");
    }

    @Test
    void expiredRecord_letsTheKeyCreateAgain_evenBeforeTtlDeletesIt() {
        // GIVEN a record of T1, which lives one hour
        HttpResponse first = router.route(post("/todos", ALICE, "k1", MILK));
        assertReplayOf(routerAt(T1.plus(Duration.ofSeconds(3599))).route(post("/todos", ALICE, "k1", MILK)), first);
        Router later = routerAt(T1.plus(Duration.ofHours(1)));

        // WHEN
        HttpResponse again = later.route(post("/todos", ALICE, "k1", MILK));

        // THEN a second todo and a replaced record, replayed from then on
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.headers().first("Idempotent-Replayed")).isEmpty();
        assertThat(again.headers().first("Location")).isNotEqualTo(first.headers().first("Location"));
        assertThat(items("Todo")).hasSize(2);
        assertThat(items("Idempotency")).hasSize(1);
        assertReplayOf(later.route(post("/todos", ALICE, "k1", MILK)), again);
    }

    @Test
    void keyOfAnInvalidRequest_isNotStored_soTheCorrectedRequestCreates() {
        // GIVEN
        HttpResponse invalid = router.route(post("/todos", ALICE, "k1", "{\"title\": \"\"}"));
        assertThat(invalid.status()).isEqualTo(422);

        // WHEN
        HttpResponse corrected = router.route(post("/todos", ALICE, "k1", MILK));

        // THEN
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.headers().first("Idempotent-Replayed")).isEmpty();
        assertThat(items("Todo")).hasSize(1);
        assertThat(items("Idempotency")).hasSize(1);
    }

    @Test
    void keyOfAConflictingRequest_isNotStored_soTheCorrectedRequestCreates() {
        // GIVEN ada's email taken under one key, then asked for again under another: 409
        router.route(post("/users", ALICE, "k1", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}"));
        HttpResponse taken = router.route(post("/users", ALICE, "k2",
                "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.bodyText()).contains("User email is already taken");

        // WHEN
        HttpResponse corrected = router.route(post("/users", ALICE, "k2",
                "{\"email\": \"grace@example.com\", \"name\": \"Grace\"}"));

        // THEN
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.headers().first("Idempotent-Replayed")).isEmpty();
        assertThat(items("User")).hasSize(2);
        assertThat(items("Idempotency")).hasSize(2);
    }
}
