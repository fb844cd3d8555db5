package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static io.github.dynacrud.table.StoredItems.emailGuard;
import static io.github.dynacrud.table.StoredItems.emailGuardKey;
import static io.github.dynacrud.table.StoredItems.todo;
import static io.github.dynacrud.table.StoredItems.todoKey;
import static io.github.dynacrud.table.StoredItems.user;
import static io.github.dynacrud.table.StoredItems.userKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.dynacrud.RetryableException;
import io.github.dynacrud.StorageException;
import io.github.dynacrud.TransactionCanceledException.Reason;
import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.internal.AwsFailures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Transactions: the one exact request they send, what they refuse before sending, and how cancellations read. */
class TransactionTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Scope ALICE = Scope.owner("u1");
    private static final Scope ANYONE = Scope.unscoped();

    private final DynamoDbClient client = MockDynamoDb.client();
    private final SingleTable table = SingleTable.builder().client(client).tableName("app").clock(CLOCK).build();
    private final EntityRepository<Todo> todos = table.repository(Todo.ENTITY);
    private final EntityRepository<User> users = table.repository(User.ENTITY);

    private static Todo todoAt(String id, long version) {
        return new Todo("u1", id, "todo " + id, false, null, version, CREATED, CREATED);
    }

    private static User ada(int version) {
        return new User("a1", "ada@example.com", "Ada", null, version, CREATED, CREATED);
    }

    private TransactWriteItemsRequest sentRequest() {
        assertThat(requestsSent(client)).hasSize(1);
        return (TransactWriteItemsRequest) requestsSent(client).get(0);
    }

    private static String resolved(String expression, Map<String, String> names,
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values) {
        Placeholders placeholders = new Placeholders(names, values);
        assertThat(placeholders.unusedIn(expression)).isEmpty();
        return placeholders.resolve(expression);
    }

    private void commits() {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());
    }

    private void cancels(String... codes) {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(cancellation(codes));
    }

    private static TransactionCanceledException cancellation(String... codes) {
        return TransactionCanceledException.builder().cancellationReasons(
                java.util.Arrays.stream(codes).map(code -> CancellationReason.builder().code(code).build()).toList())
                .build();
    }

    @Test
    void commit_createPatchDeleteAndCheckOfTwoTypes_sendsOneTransactWriteItemsWithEachExactWrite() {
        // GIVEN
        commits();
        Transaction transaction = table.transaction();

        // WHEN
        Todo created = transaction.create(todos, ALICE, new Todo("intruder", "t1", "new", false, null, 9L, null,
                null));
        transaction.patch(todos, ALICE, "t2", Changes.of(Todo.ENTITY).set("title", "renamed"),
                Precondition.version(3));
        transaction.delete(todos, ALICE, Map.of("id", "t3"), Precondition.when(Condition.attribute("done").eq(true)));
        transaction.check(users, ANYONE, "a1", Precondition.version(2));
        transaction.clientRequestToken("token-1").commit();

        // THEN
        TransactWriteItemsRequest request = sentRequest();
        assertThat(request.clientRequestToken()).isEqualTo("token-1");
        List<TransactWriteItem> items = request.transactItems();
        assertThat(items).hasSize(4);
        assertThat(created).isEqualTo(new Todo("u1", "t1", "new", false, null, 1L, NOW, NOW));
        assertThat(items.get(0).put().item()).isEqualTo(todo(created));
        assertThat(items.get(0).put().conditionExpression()).isEqualTo("attribute_not_exists(PK)");
        assertThat(items.get(0).put().tableName()).isEqualTo("app");

        var update = items.get(1).update();
        assertThat(update.key()).isEqualTo(todoKey("u1", "t2"));
        assertThat(resolved(update.conditionExpression() + " " + update.updateExpression(),
                update.expressionAttributeNames(), update.expressionAttributeValues()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo' AND version = 3 SET title = 'renamed', "
                        + "updatedAt = '2026-03-04T05:06:07Z', version = if_not_exists(version, 0) + 1");
        assertThat(update.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);

        var delete = items.get(2).delete();
        assertThat(delete.key()).isEqualTo(todoKey("u1", "t3"));
        assertThat(resolved(delete.conditionExpression(), delete.expressionAttributeNames(),
                delete.expressionAttributeValues()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo' AND done = true");
        assertThat(delete.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);

        var check = items.get(3).conditionCheck();
        assertThat(check.key()).isEqualTo(userKey("a1"));
        assertThat(resolved(check.conditionExpression(), check.expressionAttributeNames(),
                check.expressionAttributeValues())).isEqualTo("attribute_exists(PK) AND _type = 'User' AND version = 2");
    }

    @Test
    void create_ofAUserWithAUniqueEmail_addsTheGuardPutToTheSameTransaction() {
        // GIVEN
        commits();

        // WHEN
        Transaction transaction = table.transaction();
        User created = transaction.create(users, ANYONE, new User("a1", "ada@example.com", "Ada", null, null, null,
                null));
        transaction.commit();

        // THEN
        List<TransactWriteItem> items = sentRequest().transactItems();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).put().item()).isEqualTo(user(created));
        assertThat(items.get(1).put().item()).isEqualTo(emailGuard("ada@example.com", "a1"));
        assertThat(items.get(1).put().conditionExpression()).isEqualTo("attribute_not_exists(PK)");
    }

    @Test
    void replaceAndDelete_ofAUserAsRead_moveAndFreeTheGuardConditionedOnTheVersionRead() {
        // GIVEN
        commits();

        // WHEN
        table.transaction().replace(users, ANYONE, ada(2), new User("a1", "ada@example.org", "Ada", null, 2,
                CREATED, CREATED)).commit();

        // THEN
        List<TransactWriteItem> items = sentRequest().transactItems();
        assertThat(items).hasSize(3);
        var update = items.get(0).update();
        assertThat(resolved(update.conditionExpression() + " " + update.updateExpression(),
                update.expressionAttributeNames(), update.expressionAttributeValues()))
                .startsWith("attribute_exists(PK) AND _type = 'User' AND version = 2 SET ")
                .contains("email = 'ada@example.org'", "GSI1PK = 'EMAIL#ada@example.org'");
        assertThat(items.get(1).delete().key()).isEqualTo(emailGuardKey("ada@example.com"));
        assertThat(items.get(2).put().item()).isEqualTo(emailGuard("ada@example.org", "a1"));
    }

    @Test
    void commit_conditionFailures_readOneReasonPerActionFromTheOldItems() {
        // GIVEN the create's key is taken, the patch finds version 4, the delete's item is missing, the check's
        // condition is false, and the user's email guard is taken
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(
                TransactionCanceledException.builder().cancellationReasons(
                        CancellationReason.builder().code("ConditionalCheckFailed").build(),
                        CancellationReason.builder().code("ConditionalCheckFailed").item(todo(todoAt("t2", 4)))
                                .build(),
                        CancellationReason.builder().code("ConditionalCheckFailed").build(),
                        CancellationReason.builder().code("ConditionalCheckFailed").item(todo(todoAt("t4", 1)))
                                .build(),
                        CancellationReason.builder().code("None").build(),
                        CancellationReason.builder().code("ConditionalCheckFailed").build(),
                        CancellationReason.builder().code("None").build()).build());
        Transaction transaction = table.transaction();
        transaction.create(todos, ALICE, todoAt("t1", 1));
        transaction.patch(todos, ALICE, "t2", Changes.of(Todo.ENTITY).set("done", true), Precondition.version(3));
        transaction.delete(todos, ALICE, "t3");
        transaction.check(todos, ALICE, "t4", Precondition.when(Condition.attribute("done").eq(true)));
        transaction.create(users, ANYONE, ada(0));
        transaction.check(todos, ALICE, "t5", Precondition.none());

        // WHEN
        io.github.dynacrud.TransactionCanceledException thrown = assertThatExceptionOfType(
                io.github.dynacrud.TransactionCanceledException.class).isThrownBy(transaction::commit).actual();

        // THEN
        assertThat(thrown.reasons()).containsExactly(Reason.ALREADY_EXISTS, Reason.VERSION_CONFLICT,
                Reason.NOT_FOUND, Reason.CONDITION_FAILED, Reason.UNIQUE_VALUE_TAKEN, Reason.NONE);
        assertThat(thrown.status()).isEqualTo(409);
        assertThat(thrown).hasMessage("the transaction was cancelled: action 0 (Todo) ALREADY_EXISTS, action 1 (Todo)"
                + " VERSION_CONFLICT, action 2 (Todo) NOT_FOUND, action 3 (Todo) CONDITION_FAILED, action 4 (User)"
                + " UNIQUE_VALUE_TAKEN");
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void commit_transactionConflict_isSentAgain_untilItCommits() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancellation("None", "TransactionConflict"))
                .thenReturn(TransactWriteItemsResponse.builder().build());
        Transaction transaction = table.transaction().delete(todos, ALICE, "t1").delete(todos, ALICE, "t2");

        // WHEN
        transaction.commit();

        // THEN
        List<?> sent = requestsSent(client);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
    }

    @Test
    void commit_conflictEveryTime_throwsRetryableAfterTheLastAttempt() {
        // GIVEN
        cancels("TransactionConflict");

        // WHEN / THEN
        assertThatExceptionOfType(RetryableException.class)
                .isThrownBy(() -> table.transaction().delete(todos, ALICE, "t1").commit())
                .withMessageContaining("conflicted with another transaction 6 times");
        assertThat(requestsSent(client)).hasSize(6);
    }

    @Test
    void commit_throttledOrInvalid_throwsRetryableOrStorageWithoutRetrying() {
        cancels("ThrottlingError");
        assertThatExceptionOfType(RetryableException.class)
                .isThrownBy(() -> table.transaction().delete(todos, ALICE, "t1").commit());
        cancels("ValidationError");
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> table.transaction().delete(todos, ALICE, "t1").commit());
        assertThat(requestsSent(client)).hasSize(2);
    }

    @Test
    void commit_itemDataRefused_throwsTheValidationExceptionOfASingleWriteWithoutRetrying() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(
                TransactionCanceledException.builder().cancellationReasons(CancellationReason.builder()
                        .code("ValidationError").message("Number overflow. Attempting to store a number with"
                                + " magnitude larger than supported range").build()).build());

        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> table.transaction().delete(todos, ALICE, "t1").commit()).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(422);
        assertThat(thrown.violations()).containsExactly(new ValidationException.Violation("",
                AwsFailures.ITEM_LIMIT_MESSAGE));
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void add_101stWrite_isRefusedBeforeSending() {
        // GIVEN 99 deletes and a user create, which takes two writes
        Transaction transaction = table.transaction();
        for (int i = 0; i < 99; i++) {
            transaction.delete(todos, ALICE, "t" + i);
        }

        // WHEN / THEN
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> transaction.create(users, ANYONE, ada(0)))
                .withMessage("action 99 (User) would make 101 writes; a transaction holds at most 100, guard items"
                        + " of unique attributes included");
        transaction.delete(todos, ALICE, "t99");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> transaction.delete(todos, ALICE, "t100"));
        verifyNoInteractions(client);
    }

    @Test
    void add_oneItemTwice_orOneUniqueValueTwice_isRefusedBeforeSending() {
        Transaction transaction = table.transaction().delete(todos, ALICE, "t1");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> transaction.patch(todos, ALICE, "t1", Changes.of(Todo.ENTITY).set("done", true)))
                .withMessageContaining("action 1 (Todo) writes an item that action 0 writes too");
        verifyNoInteractions(client);
    }

    @Test
    void add_twoCreatesTakingOneUniqueValue_throwsUniqueConstraintBeforeSending() {
        // GIVEN
        Transaction transaction = table.transaction();
        transaction.create(users, ANYONE, ada(0));

        // WHEN
        UniqueConstraintException thrown = assertThatExceptionOfType(UniqueConstraintException.class)
                .isThrownBy(() -> transaction.create(users, ANYONE,
                        new User("a2", "ada@example.com", "Other", null, null, null, null))).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(409);
        assertThat(thrown.attribute()).isEqualTo("email");
        assertThat(thrown).hasMessage("User email is already taken");
        verifyNoInteractions(client);
    }

    @Test
    void add_writesAUniqueEntityCannotGuard_orInvalidOnes_areRefusedWithTheirReason() {
        Transaction transaction = table.transaction();
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> transaction.replace(users, ANYONE, ada(1)))
                .withMessageContaining("User has unique attributes");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> transaction.delete(users, ANYONE, Map.of("id", "a1"), Precondition.none()))
                .withMessageContaining("User has unique attributes");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> transaction.patch(users, ANYONE, "a1", Changes.of(User.ENTITY).set("email",
                        "x@example.com")))
                .withMessageContaining("move a unique value");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> transaction.patch(todos, ALICE, "t1", Changes.of(Todo.ENTITY)))
                .withMessageContaining("without changes");
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> transaction.create(todos, ALICE, Todo.of(" ")));
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> transaction.delete(todos, ALICE, "a#b"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> transaction.delete(todos, ANYONE, "t1"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> transaction.delete(SingleTable.builder().client(client).tableName("other").build()
                        .repository(Todo.ENTITY), ALICE, "t1"))
                .withMessageContaining("another table");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(transaction::commit);
        verifyNoInteractions(client);
    }

    @Test
    void readTransaction_ofTwoTypes_sendsOneTransactGetItems_andAnswersTypedInTheOrderAsked() {
        // GIVEN the todo exists, the user does not, and t2 holds an item of another type
        when(client.transactGetItems(any(TransactGetItemsRequest.class))).thenReturn(TransactGetItemsResponse.builder()
                .responses(ItemResponse.builder().item(todo(todoAt("t1", 2))).build(),
                        ItemResponse.builder().build(),
                        ItemResponse.builder().item(StoredItems.withType(todo(todoAt("t2", 1)), "Other")).build())
                .build());
        ReadTransaction read = table.readTransaction();
        ReadTransaction.Item<Todo> first = read.get(todos, ALICE, "t1");
        ReadTransaction.Item<User> user = read.get(users, ANYONE, "a1");
        ReadTransaction.Item<Todo> other = read.get(todos, ALICE, Map.of("id", "t2"));

        // WHEN
        ReadTransaction.Result result = read.run();

        // THEN
        TransactGetItemsRequest request = (TransactGetItemsRequest) requestsSent(client).get(0);
        assertThat(requestsSent(client)).hasSize(1);
        assertThat(request.transactItems()).extracting(item -> item.get().key())
                .containsExactly(todoKey("u1", "t1"), userKey("a1"), todoKey("u1", "t2"));
        assertThat(request.transactItems()).allMatch(item -> item.get().tableName().equals("app"));
        assertThat(result.get(first)).contains(todoAt("t1", 2));
        assertThat(result.get(user)).isEmpty();
        assertThat(result.get(other)).isEmpty();
        assertThat(result.items()).hasSize(3);
    }

    @Test
    void readTransactionResult_itemOfAnotherReadTransaction_isRefused() {
        // GIVEN two read transactions whose first items are of different types
        when(client.transactGetItems(any(TransactGetItemsRequest.class))).thenReturn(TransactGetItemsResponse.builder()
                .responses(ItemResponse.builder().item(todo(todoAt("t1", 2))).build()).build());
        ReadTransaction read = table.readTransaction();
        read.get(todos, ALICE, "t1");
        ReadTransaction.Item<User> elsewhere = table.readTransaction().get(users, ANYONE, "a1");

        // WHEN
        ReadTransaction.Result result = read.run();

        // THEN
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> result.get(elsewhere))
                .withMessage("this item (User) was added to another read transaction than the one that gave this"
                        + " result");
    }

    @Test
    void readTransaction_oneItemTwice_orMoreThan100_isRefusedBeforeSending() {
        ReadTransaction read = table.readTransaction();
        read.get(todos, ALICE, "t0");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> read.get(todos, ALICE, "t0"))
                .withMessageContaining("reads an item that an earlier read reads too");
        for (int i = 1; i < 100; i++) {
            read.get(todos, ALICE, "t" + i);
        }
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> read.get(todos, ALICE, "t100"))
                .withMessage("a read transaction reads at most 100 items");
        verifyNoInteractions(client);
    }
}
