package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static io.github.dynacrud.table.StoredItems.n;
import static io.github.dynacrud.table.StoredItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.github.dynacrud.InvalidCursorException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.fixtures.Todo;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** A collection of notebooks and notes: one Query per page, its exact key range, typed items and cursors. */
class ItemCollectionTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Scope ALICE = Scope.owner("alice");
    private static final Notebook NB1 = new Notebook("alice", "nb1", "Ideas", 0, 1L, CREATED, CREATED);
    private static final Note FIRST = new Note("alice", "nb1", "n1", "First", false, 1L, CREATED, CREATED);
    private static final Note SECOND = new Note("alice", "nb1", "n2", "Second", true, 1L, CREATED, CREATED);

    /** A notebook whose own sort key sorts after its notes'. */
    record LateNotebook(String ownerId, String id) {
        static final Entity<LateNotebook> ENTITY = Entity.of(LateNotebook.class).partitionKey("USER#{ownerId}")
                .sortKey("NOTEBOOK#{id}#SUMMARY").id("id").owner("ownerId").build();
    }

    private final DynamoDbClient client = MockDynamoDb.client();
    private final SingleTable table = SingleTable.builder().client(client).tableName("app").build();
    private final ItemCollection notebook = table.collection(Notebook.ENTITY, Note.ENTITY);

    @Test
    void query_oneNotebook_sendsOneQueryOfItsExactRangeAndReadsEachItemAsItsType() {
        // GIVEN the notebook, a note, an item of a type not asked for, and another note
        Map<String, AttributeValue> stranger = new HashMap<>(note(FIRST));
        stranger.put("_type", s("Attachment"));
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder()
                .items(notebook(NB1), note(FIRST), stranger, note(SECOND)).build());

        // WHEN
        Page<Record> page = notebook.query(ALICE, CollectionQuery.builder().value("notebookId", "nb1").limit(10)
                .build());

        // THEN
        assertThat(page.items()).containsExactly(NB1, FIRST, SECOND);
        assertThat(page.nextCursor()).isEmpty();
        QueryRequest sent = (QueryRequest) requestsSent(client).get(0);
        assertThat(requestsSent(client)).hasSize(1);
        Placeholders placeholders = new Placeholders(sent.expressionAttributeNames(),
                sent.expressionAttributeValues());
        assertThat(placeholders.resolve(sent.keyConditionExpression()))
                .isEqualTo("PK = 'USER#alice' AND begins_with(SK, 'NOTEBOOK#nb1#')");
        assertThat(placeholders.resolve(sent.filterExpression())).isEqualTo("_type IN ('Notebook', 'Note')");
        assertThat(sent.limit()).isEqualTo(10);
        assertThat(sent.consistentRead()).isTrue();
        assertThat(sent.tableName()).isEqualTo("app");
    }

    @Test
    void query_pageWithLastEvaluatedKey_givesACursorThatStartsTheNextPageThereForThisNotebookOnly() {
        // GIVEN
        Map<String, AttributeValue> last = Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#NOTE#n1"));
        when(client.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(notebook(NB1), note(FIRST)).lastEvaluatedKey(last).build())
                .thenReturn(QueryResponse.builder().items(note(SECOND)).build());
        String cursor = notebook.query(ALICE, CollectionQuery.builder().value("id", "nb1").limit(2).build())
                .nextCursor().orElseThrow();

        // WHEN
        Page<Record> second = notebook.query(ALICE, CollectionQuery.builder().value("notebookId", "nb1").limit(2)
                .cursor(cursor).build());

        // THEN
        assertThat(second.items()).containsExactly(SECOND);
        assertThat(((QueryRequest) requestsSent(client).get(1)).exclusiveStartKey()).isEqualTo(last);
        assertThatThrownBy(() -> notebook.query(ALICE, CollectionQuery.builder().value("id", "nb10")
                .cursor(cursor).build())).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> notebook.query(Scope.owner("bob"), CollectionQuery.builder().value("id", "nb1")
                .cursor(cursor).build())).isInstanceOf(InvalidCursorException.class);
        assertThat(requestsSent(client)).hasSize(2);
    }

    @Test
    void parentAndChildren_read_sendsOneQueryFromTheParentToTheEndOfItsChildren() {
        // GIVEN
        Map<String, AttributeValue> last = Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#NOTE#n2"));
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder()
                .items(notebook(NB1), note(FIRST), note(SECOND)).lastEvaluatedKey(last).build());

        // WHEN
        Optional<WithChildren<Notebook, Note>> read = notebook.parentAndChildren(Notebook.ENTITY, Note.ENTITY)
                .read(ALICE, Map.of("id", "nb1"), 2);

        // THEN
        assertThat(read).isPresent();
        assertThat(read.get().parent()).isEqualTo(NB1);
        assertThat(read.get().children().items()).containsExactly(FIRST, SECOND);
        QueryRequest sent = (QueryRequest) requestsSent(client).get(0);
        assertThat(requestsSent(client)).hasSize(1);
        Placeholders placeholders = new Placeholders(sent.expressionAttributeNames(),
                sent.expressionAttributeValues());
        assertThat(placeholders.resolve(sent.keyConditionExpression()))
                .isEqualTo("PK = 'USER#alice' AND SK BETWEEN 'NOTEBOOK#nb1#META' AND 'NOTEBOOK#nb1#NOTE$'");
        assertThat(placeholders.resolve(sent.filterExpression())).isEqualTo("_type IN ('Notebook', 'Note')");
        assertThat(sent.limit()).isEqualTo(3);
        assertThat(sent.consistentRead()).isTrue();
    }

    @Test
    void parentAndChildren_childrensCursor_continuesTheChildrensBoundedList() {
        // GIVEN a first page that ends on the second note
        Map<String, AttributeValue> last = Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#NOTE#n2"));
        when(client.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(notebook(NB1), note(FIRST), note(SECOND))
                        .lastEvaluatedKey(last).build())
                .thenReturn(QueryResponse.builder().build());
        String cursor = notebook.parentAndChildren(Notebook.ENTITY, Note.ENTITY).read(ALICE, Map.of("id", "nb1"), 2)
                .orElseThrow().children().nextCursor().orElseThrow();

        // WHEN the notes' own list continues with it
        Page<Note> next = table.repository(Note.ENTITY).query(ALICE, Query.table().within("notebookId", "nb1")
                .limit(2).cursor(cursor).build());

        // THEN
        assertThat(next.items()).isEmpty();
        assertThat(((QueryRequest) requestsSent(client).get(1)).exclusiveStartKey()).isEqualTo(last);
    }

    @Test
    void parentAndChildren_missingParent_isEmptyEvenWithChildren() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(note(FIRST)).build());

        // WHEN
        Optional<WithChildren<Notebook, Note>> read = notebook.parentAndChildren(Notebook.ENTITY, Note.ENTITY)
                .read(ALICE, Map.of("id", "nb1"), 20);

        // THEN
        assertThat(read).isEmpty();
        assertThat(requestsSent(client)).hasSize(1);
    }

    @Test
    void parentAndChildren_parentSortingAfterItsChildrenOrAStranger_isRefused() {
        assertThatThrownBy(() -> table.collection(LateNotebook.ENTITY, Note.ENTITY)
                .parentAndChildren(LateNotebook.ENTITY, Note.ENTITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the items of LateNotebook (sort key 'NOTEBOOK#{id}#SUMMARY') do not sort"
                        + " before those of Note");
        assertThatThrownBy(() -> notebook.parentAndChildren(Notebook.ENTITY, Todo.ENTITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Todo is not a member of the collection (Notebook, Note)");
        assertThat(requestsSent(client)).isEmpty();
    }

    private static Map<String, AttributeValue> notebook(Notebook notebook) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", s("USER#" + notebook.ownerId()));
        item.put("SK", s("NOTEBOOK#" + notebook.id() + "#META"));
        item.put("GSI1PK", s("USER#" + notebook.ownerId()));
        item.put("GSI1SK", s("NOTEBOOK#" + notebook.id()));
        item.put("_type", s("Notebook"));
        item.put("ownerId", s(notebook.ownerId()));
        item.put("id", s(notebook.id()));
        item.put("name", s(notebook.name()));
        item.put("version", n(notebook.version()));
        item.put("createdAt", s(notebook.createdAt().toString()));
        item.put("updatedAt", s(notebook.updatedAt().toString()));
        return item;
    }

    private static Map<String, AttributeValue> note(Note note) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", s("USER#" + note.ownerId()));
        item.put("SK", s("NOTEBOOK#" + note.notebookId() + "#NOTE#" + note.id()));
        item.put("_type", s("Note"));
        item.put("ownerId", s(note.ownerId()));
        item.put("notebookId", s(note.notebookId()));
        item.put("id", s(note.id()));
        item.put("title", s(note.title()));
        item.put("pinned", AttributeValue.fromBool(note.pinned()));
        item.put("version", n(note.version()));
        item.put("createdAt", s(note.createdAt().toString()));
        item.put("updatedAt", s(note.updatedAt().toString()));
        return item;
    }
}
