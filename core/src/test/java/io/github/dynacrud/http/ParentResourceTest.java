package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.IdempotencyStore;
import io.github.dynacrud.table.Placeholders;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.Requests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A nested resource that names its parent: the exact transactions of a child's create and delete, the parent's
 * conditioned delete, the list's parent check, and the refusals when the router is built, against a mocked client.
 */
class ParentResourceTest {
    /** A note kept under a list whose key is not its notebook's: no notebook key can be rendered from its path. */
    record Loose(String ownerId, String listId, String id, String title) {
        static final Entity<Loose> ENTITY = Entity.of(Loose.class).type("Loose").partitionKey("USER#{ownerId}")
                .sortKey("LIST#{listId}#LOOSE#{id}").generatedId("id").owner("ownerId").build();
    }

    /** A notebook's page that counts its own comments: both a child and a parent. */
    record Leaf(String ownerId, String notebookId, String id, String title, int commentCount) {
        static final Entity<Leaf> ENTITY = Entity.of(Leaf.class).type("Leaf").partitionKey("USER#{ownerId}")
                .sortKey("NOTEBOOK#{notebookId}#LEAF#{id}#META").generatedId("id").owner("ownerId").build();
    }

    /** A comment on a leaf. */
    record Comment(String ownerId, String notebookId, String leafId, String id, String text) {
        static final Entity<Comment> ENTITY = Entity.of(Comment.class).type("Comment")
                .partitionKey("USER#{ownerId}").sortKey("NOTEBOOK#{notebookId}#LEAF#{leafId}#COMMENT#{id}")
                .generatedId("id").owner("ownerId").build();
    }

    private static final Principal ALICE = Principal.of("alice");

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final SingleTable table = SingleTable.builder().client(client).tableName("app").build();
    private final EntityRepository<Notebook> notebooks = table.repository(Notebook.ENTITY);
    private final EntityRepository<Note> notes = table.repository(Note.ENTITY);
    private final Router router = Router.builder()
            .resource("/notebooks", notebooks)
            .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                    .parent(notebooks, "noteCount").build())
            .build();

    @Test
    void create_underANotebook_putsTheNoteAndCountsItOnTheNotebookInOneTransaction() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        HttpResponse response = router.route(Requests.of("POST", "/notebooks/nb1/notes", ALICE,
                "{\"title\": \"First\"}"));

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
        assertThat(response.headers().first("Location")).get().asString().startsWith("/notebooks/nb1/notes/");
        assertThat(response.headers().first("ETag")).contains("\"1\"");
        List<TransactWriteItem> items = sentTransaction().transactItems();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).put().item().get("SK").s()).startsWith("NOTEBOOK#nb1#NOTE#");
        assertThat(items.get(0).put().conditionExpression()).isEqualTo("attribute_not_exists(PK)");
        var update = items.get(1).update();
        assertThat(update.key()).isEqualTo(Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#META")));
        Placeholders placeholders = new Placeholders(update.expressionAttributeNames(),
                update.expressionAttributeValues());
        assertThat(placeholders.resolve(update.updateExpression()))
                .contains("noteCount = if_not_exists(noteCount, 0) + 1");
        assertThat(placeholders.resolve(update.conditionExpression())).startsWith("attribute_exists(PK)");
        assertThat(mockingDetails(client).getInvocations()).hasSize(1);
    }

    @Test
    void create_underANotebookThatDoesNotExist_is404NamingTheNotebook() {
        // GIVEN the notebook's update fails its existence check
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(canceled("None",
                "ConditionalCheckFailed"));

        // WHEN
        HttpResponse response = router.route(Requests.of("POST", "/notebooks/gone/notes", ALICE,
                "{\"title\": \"First\"}"));

        // THEN
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
        assertThat(response.bodyText()).contains("Notebook");
    }

    @Test
    void delete_ofANote_deletesItAndUncountsItOnTheNotebookInOneTransaction() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().method("DELETE").path("/notebooks/nb1/notes/n1")
                .header("If-Match", "\"3\"").principal(ALICE).build());

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(204);
        List<TransactWriteItem> items = sentTransaction().transactItems();
        assertThat(items).hasSize(2);
        var delete = items.get(0).delete();
        assertThat(delete.key()).isEqualTo(Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#NOTE#n1")));
        assertThat(new Placeholders(delete.expressionAttributeNames(), delete.expressionAttributeValues())
                .resolve(delete.conditionExpression())).contains("version = 3");
        var update = items.get(1).update();
        assertThat(update.key()).isEqualTo(Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#META")));
        assertThat(new Placeholders(update.expressionAttributeNames(), update.expressionAttributeValues())
                .resolve(update.updateExpression())).contains("noteCount = if_not_exists(noteCount, 0) - 1");
    }

    @Test
    void delete_ofANoteThatDoesNotExist_is404NamingTheNote() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(canceled(
                "ConditionalCheckFailed", "None"));

        // WHEN
        HttpResponse response = router.route(Requests.of("DELETE", "/notebooks/nb1/notes/n1", ALICE, null));

        // THEN
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).contains("Note");
    }

    @Test
    void delete_ofANoteAtAnotherVersion_is412AndUncountsNothing() {
        // GIVEN the stored note is at version 4
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(
                TransactionCanceledException.builder().cancellationReasons(
                        CancellationReason.builder().code("ConditionalCheckFailed").item(Map.of(
                                "PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#NOTE#n1"), "_type", s("Note"),
                                "version", n(4))).build(),
                        CancellationReason.builder().code("None").build()).build());

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().method("DELETE").path("/notebooks/nb1/notes/n1")
                .header("If-Match", "\"3\"").principal(ALICE).build());

        // THEN
        assertThat(response.status()).isEqualTo(412);
        assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
        assertThat(mockingDetails(client).getInvocations()).hasSize(1);
    }

    @Test
    void delete_ofANotebook_isConditionedOnNoNotesLeft() {
        // WHEN
        HttpResponse response = router.route(Requests.of("DELETE", "/notebooks/nb1", ALICE, null));

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(204);
        DeleteItemRequest sent = (DeleteItemRequest) mockingDetails(client).getInvocations().iterator().next()
                .getArguments()[0];
        assertThat(new Placeholders(sent.expressionAttributeNames(), sent.expressionAttributeValues())
                .resolve(sent.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Notebook'"
                        + " AND (attribute_not_exists(noteCount) OR noteCount = 0)");
    }

    @Test
    void delete_ofANotebookWithNotes_is409SayingSo() {
        // GIVEN the stored notebook counts two notes
        when(client.deleteItem(any(DeleteItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
                .item(Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#META"), "_type", s("Notebook"),
                        "noteCount", n(2), "version", n(1))).build());

        // WHEN
        HttpResponse response = router.route(Requests.of("DELETE", "/notebooks/nb1", ALICE, null));

        // THEN
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
        assertThat(response.bodyText()).contains("Notebook still has children");
    }

    @Test
    void replace_ofANotebook_neverSetsItsCount() {
        // GIVEN
        when(client.updateItem(any(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.class)))
                .thenReturn(software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse.builder().attributes(
                        Map.of("_type", s("Notebook"), "ownerId", s("alice"), "id", s("nb1"), "name",
                                s("Ideas"), "noteCount", n(2), "version", n(2))).build());

        // WHEN
        HttpResponse response = router.route(Requests.of("PUT", "/notebooks/nb1", ALICE,
                "{\"name\": \"Ideas\", \"noteCount\": 0}"));

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.bodyText()).contains("\"noteCount\":2");
        var sent = (software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest) mockingDetails(client)
                .getInvocations().iterator().next().getArguments()[0];
        assertThat(sent.updateExpression()).doesNotContain("noteCount");
        assertThat(sent.expressionAttributeNames()).doesNotContainValue("noteCount");
    }

    @Test
    void list_withNotes_readsNoNotebook() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(Map.of(
                "PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#NOTE#n1"), "_type", s("Note"), "ownerId", s("alice"),
                "notebookId", s("nb1"), "id", s("n1"), "title", s("First"), "version", n(1))).build());

        // WHEN
        HttpResponse response = router.route(Requests.of("GET", "/notebooks/nb1/notes", ALICE, null));

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).contains("\"title\":\"First\"");
        verify(client, never()).getItem(any(GetItemRequest.class));
    }

    @Test
    void list_emptyUnderANotebookThatDoesNotExist_is404AfterOneRead() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of()).build());
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());

        // WHEN
        HttpResponse response = router.route(Requests.of("GET", "/notebooks/gone/notes", ALICE, null));

        // THEN
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).contains("Notebook");
        GetItemRequest read = (GetItemRequest) mockingDetails(client).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("getItem")).findFirst().orElseThrow().getArguments()[0];
        assertThat(read.key()).isEqualTo(Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#gone#META")));
    }

    @Test
    void list_emptyUnderANotebookThatExists_isAnEmptyPage() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of()).build());
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(Map.of(
                "_type", s("Notebook"), "ownerId", s("alice"), "id", s("nb1"), "name", s("Ideas"),
                "version", n(1))).build());

        // WHEN
        HttpResponse response = router.route(Requests.of("GET", "/notebooks/nb1/notes", ALICE, null));

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"items\":[],\"nextCursor\":null}");
    }

    @Test
    void build_parentWhoseKeyThePathDoesNotGive_refusedNamingBoth() {
        EntityRepository<Loose> loose = table.repository(Loose.ENTITY);
        assertThatThrownBy(() -> Router.builder().resource("/lists/{listId}/loose", loose, ResourceOptions.builder()
                .parent(notebooks, "noteCount").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parent Notebook of Loose");
    }

    @Test
    void build_countThatIsNotANumberAttributeOfTheParent_refusedNamingIt() {
        assertThatThrownBy(() -> Router.builder().resource("/notebooks/{notebookId}/notes", notes,
                ResourceOptions.builder().parent(notebooks, "name").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parent Notebook of Note").hasMessageContaining("count 'name'");
        assertThatThrownBy(() -> Router.builder().resource("/notebooks/{notebookId}/notes", notes,
                ResourceOptions.builder().parent(notebooks, "pages").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count 'pages' names no attribute of Notebook");
    }

    @Test
    void create_withAnIdempotencyKey_writesTheNoteItsCountAndTheRecordInOneTransaction() {
        // GIVEN a notes resource whose creates honour Idempotency-Key
        Router idempotent = Router.builder()
                .resource("/notebooks", notebooks)
                .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                        .parent(notebooks, "noteCount").idempotency(Idempotency.of(IdempotencyStore.defaults()))
                        .build())
                .build();
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        HttpResponse response = idempotent.route(Requests.of("POST", "/notebooks/nb1/notes", ALICE,
                "{\"title\": \"First\"}").toBuilder().header("Idempotency-Key", "k-1").build());

        // THEN the note, its notebook's count and the idempotency record are one request
        assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
        List<TransactWriteItem> items = sentTransaction().transactItems();
        assertThat(items).hasSize(3);
        assertThat(items.get(0).put().item().get("SK").s()).startsWith("NOTEBOOK#nb1#NOTE#");
        assertThat(items.get(1).update().key()).isEqualTo(Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#META")));
        assertThat(items.get(2).put().item().get("PK").s()).startsWith("IDEMPOTENCY#");
        assertThat(mockingDetails(client).getInvocations()).hasSize(1);
    }

    @Test
    void create_withAnIdempotencyKeyUnderANotebookThatDoesNotExist_is404AndStoresNothing() {
        // GIVEN the notebook's update fails its existence check
        Router idempotent = Router.builder()
                .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                        .parent(notebooks, "noteCount").idempotency(Idempotency.of(IdempotencyStore.defaults()))
                        .build())
                .build();
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(canceled("None",
                "ConditionalCheckFailed", "None"));

        // WHEN
        HttpResponse response = idempotent.route(Requests.of("POST", "/notebooks/gone/notes", ALICE,
                "{\"title\": \"First\"}").toBuilder().header("Idempotency-Key", "k-2").build());

        // THEN
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).contains("Notebook");
    }

    @Test
    void build_childThatIsAlsoACountedParent_refusedNamingBoth() {
        EntityRepository<Leaf> leaves = table.repository(Leaf.ENTITY);
        EntityRepository<Comment> comments = table.repository(Comment.ENTITY);
        Router.Builder builder = Router.builder()
                .resource("/notebooks", notebooks)
                .resource("/notebooks/{notebookId}/leaves", leaves, ResourceOptions.builder()
                        .parent(notebooks, "noteCount").build())
                .resource("/notebooks/{notebookId}/leaves/{leafId}/comments", comments, ResourceOptions.builder()
                        .parent(leaves, "commentCount").build());
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Leaf").hasMessageContaining("Notebook").hasMessageContaining("Comment");
    }

    @Test
    void build_parentOfAnotherTable_refused() {
        EntityRepository<Notebook> elsewhere = SingleTable.builder().client(client).tableName("other").build()
                .repository(Notebook.ENTITY);
        assertThatThrownBy(() -> Router.builder().resource("/notebooks/{notebookId}/notes", notes,
                ResourceOptions.builder().parent(elsewhere, "noteCount").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parent Notebook of Note is in another table");
    }

    private TransactWriteItemsRequest sentTransaction() {
        return (TransactWriteItemsRequest) mockingDetails(client).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("transactWriteItems")).findFirst().orElseThrow()
                .getArguments()[0];
    }

    private static TransactionCanceledException canceled(String... codes) {
        return TransactionCanceledException.builder().cancellationReasons(java.util.Arrays.stream(codes)
                .map(code -> CancellationReason.builder().code(code).build()).toList()).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
