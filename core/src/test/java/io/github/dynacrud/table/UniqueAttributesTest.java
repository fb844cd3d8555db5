package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static io.github.dynacrud.table.StoredItems.emailGuard;
import static io.github.dynacrud.table.StoredItems.emailGuardKey;
import static io.github.dynacrud.table.StoredItems.userKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.RetryableException;
import io.github.dynacrud.StorageException;
import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.fixtures.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** An entity with a unique attribute: its writes move guard items in one TransactWriteItems. */
class UniqueAttributesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.123456789Z"), ZoneOffset.UTC);
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123Z");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-02-01T00:00:00Z");
    private static final Scope ANYONE = Scope.unscoped();
    private static final User ADA = new User("u1", "old@example.com", "Ada", "hash", 3, CREATED, EARLIER);

    private final DynamoDbClient client = MockDynamoDb.client();
    private final EntityRepository<User> users = SingleTable.builder().client(client).tableName("app").clock(CLOCK)
            .build().repository(User.ENTITY);

    @Test
    void create_uniqueEmail_putsItemAndGuardInOneTransaction() {
        // GIVEN
        transactionSucceeds();

        // WHEN
        User created = users.create(ANYONE, User.of("ada@example.com", "Ada"));

        // THEN
        String id = created.id();
        assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(created).isEqualTo(new User(id, "ada@example.com", "Ada", null, 1, NOW, NOW));
        TransactWriteItemsRequest transaction = capturedTransaction();
        assertThat(transaction).isEqualTo(TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("app").item(StoredItems.user(created))
                        .conditionExpression("attribute_not_exists(PK)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName("app").item(emailGuard("ada@example.com", id))
                        .conditionExpression("attribute_not_exists(PK)")).build()).build());
        assertThat(requestsSent(client)).containsExactly(transaction);
    }

    @Test
    void create_emailTaken_throwsUniqueConstraintNamingEmail() {
        // GIVEN
        transactionCancelled("None", "ConditionalCheckFailed");

        // WHEN
        UniqueConstraintException thrown = assertThatExceptionOfType(UniqueConstraintException.class)
                .isThrownBy(() -> users.create(ANYONE, User.of("ada@example.com", "Ada"))).actual();

        // THEN
        assertThat(thrown.attribute()).isEqualTo("email");
        assertThat(thrown).hasMessage("User email is already taken");
        assertThat(thrown.status()).isEqualTo(409);
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void create_keyTaken_throwsItemAlreadyExists() {
        // GIVEN
        transactionCancelled("ConditionalCheckFailed", "None");

        // WHEN
        ItemAlreadyExistsException thrown = assertThatExceptionOfType(ItemAlreadyExistsException.class)
                .isThrownBy(() -> users.create(ANYONE, User.of("ada@example.com", "Ada"))).actual();

        // THEN
        assertThat(thrown).hasMessage("User already exists");
    }

    @Test
    void create_transactionConflictOnce_retriesAndCreates() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled("None", "TransactionConflict"))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        User created = users.create(ANYONE, User.of("ada@example.com", "Ada"));

        // THEN
        assertThat(created.email()).isEqualTo("ada@example.com");
        List<DynamoDbRequest> sent = requestsSent(client);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
    }

    @Test
    void create_transactionConflictEveryTime_throwsRetryableAfterTheLastAttempt() {
        // GIVEN
        transactionCancelled("None", "TransactionConflict");

        // WHEN
        RetryableException thrown = assertThatExceptionOfType(RetryableException.class)
                .isThrownBy(() -> users.create(ANYONE, User.of("ada@example.com", "Ada"))).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(503);
        assertThat(thrown).hasMessage("DynamoDB TransactWriteItems conflicted with another transaction 6 times in a"
                + " row");
        assertThat(requestsSent(client)).hasSize(6);
    }

    @Test
    void create_itemDataRefusedInTheTransaction_throwsTheValidationExceptionOfASingleWrite() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(
                TransactionCanceledException.builder().cancellationReasons(
                        CancellationReason.builder().code("ValidationError")
                                .message("Item size has exceeded the maximum allowed size").build(),
                        CancellationReason.builder().code("None").build()).build());

        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> users.create(ANYONE, User.of("ada@example.com", "Ada"))).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(422);
        assertThat(thrown.violations()).containsExactly(new ValidationException.Violation("",
                "makes the item larger than DynamoDB's limit of 400 KB"));
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void create_transactionRefusedAsInvalid_throwsStorageExceptionNotRetryable() {
        // GIVEN
        transactionCancelled("ValidationError", "None");

        // WHEN
        StorageException thrown = assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> users.create(ANYONE, User.of("ada@example.com", "Ada"))).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(500);
        assertThat(thrown.getMessage()).contains("TransactWriteItems").contains("ValidationError");
    }

    @Test
    void patch_email_readsUserThenUpdatesItAndMovesGuardInOneTransactionConditionedOnVersionRead() {
        // GIVEN
        storedUserIs(ADA);
        transactionSucceeds();

        // WHEN
        User patched = users.patch(ANYONE, "u1", Map.of("email", "new@example.com"), 3);

        // THEN
        User expected = new User("u1", "new@example.com", "Ada", "hash", 4, CREATED, NOW);
        assertThat(patched).isEqualTo(expected);
        GetItemRequest get = capturedGet();
        assertThat(get).isEqualTo(GetItemRequest.builder()
                .tableName("app").key(userKey("u1")).consistentRead(true).build());
        TransactWriteItemsRequest transaction = capturedTransaction();
        assertThat(requestsSent(client)).containsExactly(get, transaction);
        List<TransactWriteItem> writes = transaction.transactItems();
        assertThat(writes).hasSize(3);
        // An update, not a put: attributes the record does not model stay on the item.
        Update itemUpdate = writes.get(0).update();
        assertThat(writes.get(0)).isEqualTo(TransactWriteItem.builder().update(itemUpdate).build());
        Placeholders placeholders = new Placeholders(itemUpdate.expressionAttributeNames(),
                itemUpdate.expressionAttributeValues());
        assertThat(placeholders.actions(itemUpdate.updateExpression(), "SET")).containsExactlyInAnyOrder(
                "name = 'Ada'",
                "email = 'new@example.com'",
                "passwordHash = 'hash'",
                "updatedAt = '2026-03-04T05:06:07.123Z'",
                "GSI1PK = 'EMAIL#new@example.com'",
                "GSI1SK = 'USER'",
                "version = if_not_exists(version, 0) + 1");
        assertThat(placeholders.resolve(itemUpdate.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'User' AND version = 3");
        assertThat(placeholders.unusedIn(itemUpdate.updateExpression(), itemUpdate.conditionExpression())).isEmpty();
        assertThat(itemUpdate.toBuilder().updateExpression(null).conditionExpression(null)
                .expressionAttributeNames(null).expressionAttributeValues(null).build())
                .isEqualTo(Update.builder().tableName("app").key(userKey("u1")).build());
        assertGuardOfOldEmailFreedOnlyIfUsersOwn(writes.get(1));
        assertThat(writes.get(2)).isEqualTo(TransactWriteItem.builder()
                .put(p -> p.tableName("app").item(emailGuard("new@example.com", "u1"))
                        .conditionExpression("attribute_not_exists(PK)")).build());
    }

    @Test
    void patch_emailTakenByAnotherUser_throwsUniqueConstraint() {
        // GIVEN
        storedUserIs(ADA);
        transactionCancelled("None", "None", "ConditionalCheckFailed");

        // WHEN
        UniqueConstraintException thrown = assertThatExceptionOfType(UniqueConstraintException.class)
                .isThrownBy(() -> users.patch(ANYONE, "u1", Map.of("email", "new@example.com"), 3)).actual();

        // THEN
        assertThat(thrown.attribute()).isEqualTo("email");
    }

    @Test
    void patch_emailWhoseOldGuardPointsAtAnotherUser_throwsStorageExceptionWithoutRetrying() {
        // GIVEN the guard of the old email belongs to another user, so the stored guards disagree with the item
        storedUserIs(ADA);
        transactionCancelled("None", "ConditionalCheckFailed", "None");

        // WHEN
        StorageException thrown = assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> users.patch(ANYONE, "u1", Map.of("email", "new@example.com"))).actual();

        // THEN
        assertThat(thrown.status()).isEqualTo(500);
        assertThat(thrown.getMessage()).isEqualTo("the guard of the old value of User.email points at another item;"
                + " nothing was written");
        assertThat(requestsSent(client)).hasSize(2);
    }

    @Test
    void patch_emailOfUserChangedSinceRead_withoutExpectedVersion_readsAgainAndWrites() {
        // GIVEN the first transaction finds the user changed since its read
        User changed = new User("u1", "old@example.com", "Ada L.", "hash", 4, CREATED, EARLIER);
        when(client.getItem(any(GetItemRequest.class))).thenReturn(
                GetItemResponse.builder().item(StoredItems.user(ADA)).build(),
                GetItemResponse.builder().item(StoredItems.user(changed)).build());
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenThrow(cancelled("ConditionalCheckFailed", "None", "None"))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        User patched = users.patch(ANYONE, "u1", Map.of("email", "new@example.com"));

        // THEN the second attempt merged the change into the item read again
        assertThat(patched).isEqualTo(new User("u1", "new@example.com", "Ada L.", "hash", 5, CREATED, NOW));
        assertThat(requestsSent(client)).hasSize(4);
    }

    @Test
    void patch_emailOfUserAlwaysChangedSinceRead_withoutExpectedVersion_givesUpAsRetryableAfterThreeAttempts() {
        // GIVEN
        storedUserIs(ADA);
        transactionCancelled("ConditionalCheckFailed", "None", "None");

        // WHEN
        assertThatExceptionOfType(RetryableException.class)
                .isThrownBy(() -> users.patch(ANYONE, "u1", Map.of("email", "new@example.com")))
                .withMessage("User changed between its read and its write 3 times in a row");

        // THEN
        assertThat(requestsSent(client)).hasSize(6);
    }

    @Test
    void patch_emailOfUserChangedSinceRead_withExpectedVersion_throwsVersionConflictOnTheNextRead() {
        // GIVEN
        User changed = new User("u1", "old@example.com", "Ada L.", "hash", 4, CREATED, EARLIER);
        when(client.getItem(any(GetItemRequest.class))).thenReturn(
                GetItemResponse.builder().item(StoredItems.user(ADA)).build(),
                GetItemResponse.builder().item(StoredItems.user(changed)).build());
        transactionCancelled("ConditionalCheckFailed", "None", "None");

        // WHEN
        assertThatExceptionOfType(VersionConflictException.class)
                .isThrownBy(() -> users.patch(ANYONE, "u1", Map.of("email", "new@example.com"), 3));

        // THEN the read, the failed transaction and the read that found version 4
        assertThat(requestsSent(client)).hasSize(3);
    }

    @Test
    void patch_emailWithStaleExpectedVersion_throwsVersionConflictAfterOnlyTheRead() {
        // GIVEN
        storedUserIs(ADA);

        // WHEN
        assertThatExceptionOfType(VersionConflictException.class)
                .isThrownBy(() -> users.patch(ANYONE, "u1", Map.of("email", "new@example.com"), 2));

        // THEN
        assertThat(requestsSent(client)).containsExactly(capturedGet());
    }

    @Test
    void patch_emailOfMissingUser_throwsItemNotFoundAfterOnlyTheRead() {
        // GIVEN
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());

        // WHEN
        assertThatExceptionOfType(ItemNotFoundException.class)
                .isThrownBy(() -> users.patch(ANYONE, "u1", Map.of("email", "new@example.com"), 3));

        // THEN
        assertThat(requestsSent(client)).containsExactly(capturedGet());
    }

    @Test
    void patch_nameOnly_sendsOneUpdateWithoutReadingFirst() {
        // GIVEN
        User stored = new User("u1", "old@example.com", "Ada L.", "hash", 4, CREATED, NOW);
        when(client.updateItem(any(UpdateItemRequest.class)))
                .thenReturn(UpdateItemResponse.builder().attributes(StoredItems.user(stored)).build());

        // WHEN
        User patched = users.patch(ANYONE, "u1", Map.of("name", "Ada L."), 3);

        // THEN
        assertThat(patched).isEqualTo(stored);
        ArgumentCaptor<UpdateItemRequest> update = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client).updateItem(update.capture());
        UpdateItemRequest request = update.getValue();
        assertThat(requestsSent(client)).containsExactly(request);
        assertThat(request.key()).isEqualTo(userKey("u1"));
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(placeholders.actions(request.updateExpression(), "SET")).containsExactlyInAnyOrder(
                "name = 'Ada L.'",
                "updatedAt = '2026-03-04T05:06:07.123Z'",
                "version = if_not_exists(version, 0) + 1");
        assertThat(placeholders.actions(request.updateExpression(), "REMOVE")).isEmpty();
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'User' AND version = 3");
        assertThat(placeholders.unusedIn(request.updateExpression(), request.conditionExpression())).isEmpty();
    }

    @Test
    void delete_user_readsItThenDeletesItAndItsGuardInOneTransaction() {
        // GIVEN
        storedUserIs(ADA);
        transactionSucceeds();

        // WHEN
        users.delete(ANYONE, "u1");

        // THEN
        GetItemRequest get = capturedGet();
        assertThat(get).isEqualTo(GetItemRequest.builder()
                .tableName("app").key(userKey("u1")).consistentRead(true).build());
        TransactWriteItemsRequest transaction = capturedTransaction();
        assertThat(requestsSent(client)).containsExactly(get, transaction);
        List<TransactWriteItem> writes = transaction.transactItems();
        assertThat(writes).hasSize(2);
        Delete itemDelete = writes.get(0).delete();
        assertThat(writes.get(0)).isEqualTo(TransactWriteItem.builder().delete(itemDelete).build());
        assertThat(resolved(itemDelete.conditionExpression(), itemDelete.expressionAttributeNames(),
                itemDelete.expressionAttributeValues()))
                .isEqualTo("attribute_exists(PK) AND _type = 'User' AND version = 3");
        assertThat(itemDelete.toBuilder().conditionExpression(null).expressionAttributeNames(null)
                .expressionAttributeValues(null).build())
                .isEqualTo(Delete.builder().tableName("app").key(userKey("u1")).build());
        assertGuardOfOldEmailFreedOnlyIfUsersOwn(writes.get(1));
    }

    private void storedUserIs(User user) {
        when(client.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder().item(StoredItems.user(user)).build());
    }

    private void transactionSucceeds() {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());
    }

    private void transactionCancelled(String... codes) {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(cancelled(codes));
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons")
                .cancellationReasons(Stream.of(codes)
                        .map(code -> CancellationReason.builder().code(code).build()).toList())
                .build();
    }

    private GetItemRequest capturedGet() {
        ArgumentCaptor<GetItemRequest> get = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(client).getItem(get.capture());
        return get.getValue();
    }

    private TransactWriteItemsRequest capturedTransaction() {
        ArgumentCaptor<TransactWriteItemsRequest> transaction =
                ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(client).transactWriteItems(transaction.capture());
        return transaction.getValue();
    }

    /** Resolves a transaction write's condition, checking that it uses every placeholder it defines. */
    private static void assertGuardOfOldEmailFreedOnlyIfUsersOwn(TransactWriteItem write) {
        Delete guardDelete = write.delete();
        assertThat(write).isEqualTo(TransactWriteItem.builder().delete(guardDelete).build());
        assertThat(resolved(guardDelete.conditionExpression(), guardDelete.expressionAttributeNames(),
                guardDelete.expressionAttributeValues()))
                .isEqualTo("attribute_not_exists(PK) OR (targetPK = 'USER#u1' AND targetSK = 'PROFILE')");
        assertThat(guardDelete.toBuilder().conditionExpression(null).expressionAttributeNames(null)
                .expressionAttributeValues(null).build())
                .isEqualTo(Delete.builder().tableName("app").key(emailGuardKey("old@example.com")).build());
    }

    private static String resolved(String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
        Placeholders placeholders = new Placeholders(names, values);
        assertThat(placeholders.unusedIn(condition)).isEmpty();
        return placeholders.resolve(condition);
    }
}
