package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import io.github.dynacrud.testing.RecordingDynamoDb;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Collections against DynamoDB Local: notebooks with user-chosen ids that extend each other or sort next to each
 * other around the '#' separator never share items, pages follow their cursors, and a notebook read with its first
 * notes continues on the notes' own list.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ItemCollectionIT {
    /** Notebook ids that extend "nb1" or sort right next to it: '!' and ' ' sort below '#', '-' and '~' above. */
    private static final List<String> SIBLINGS = List.of("nb1", "nb10", "nb1-x", "nb1 x", "nb1!", "nb", "nb0",
            "nb1~");
    private static final Scope ALICE = Scope.owner("alice");

    /** A mood of a notebook, whose items sort between the notebook's own and its notes'. */
    record Mood(String ownerId, String notebookId, String id, String word) {
        static final Entity<Mood> ENTITY = Entity.of(Mood.class).partitionKey("USER#{ownerId}")
                .sortKey("NOTEBOOK#{notebookId}#MOOD#{id}").id("id").owner("ownerId").build();
    }

    private final List<DynamoDbRequest> sent = new ArrayList<>();
    private SingleTable table;
    private EntityRepository<Notebook> notebooks;
    private EntityRepository<Note> notes;
    private ItemCollection collection;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("collections");
        LocalTable.create(client, tableName, Notebook.ENTITY, Note.ENTITY, Mood.ENTITY);
        table = SingleTable.builder().client(RecordingDynamoDb.of(client, sent)).tableName(tableName).build();
        notebooks = table.repository(Notebook.ENTITY);
        notes = table.repository(Note.ENTITY);
        collection = table.collection(Notebook.ENTITY, Note.ENTITY);
    }

    @Test
    void siblingNotebooks_eachCollectionListAndReadHoldsItsOwnItemsOnly() {
        // GIVEN each sibling notebook with two notes, and bob's nb1 with one
        Map<String, List<Record>> expected = new LinkedHashMap<>();
        for (String id : SIBLINGS) {
            List<Record> items = new ArrayList<>();
            items.add(notebooks.create(ALICE, notebook(id, "Notebook " + id)));
            items.add(notes.create(ALICE, note(id, "first in " + id)));
            items.add(notes.create(ALICE, note(id, "second in " + id)));
            expected.put(id, items);
        }
        notebooks.create(Scope.owner("bob"), notebook("nb1", "Bob's"));
        notes.create(Scope.owner("bob"), note("nb1", "bob's note"));
        ParentAndChildren<Notebook, Note> withNotes = collection.parentAndChildren(Notebook.ENTITY, Note.ENTITY);

        for (String id : SIBLINGS) {
            List<Record> items = expected.get(id);
            // WHEN
            Page<Record> page = collection.query(ALICE, CollectionQuery.builder().value("id", id).build());
            Page<Note> list = notes.query(ALICE, Query.table().within("notebookId", id).build());
            WithChildren<Notebook, Note> read = withNotes.read(ALICE, Map.of("id", id), 20).orElseThrow();

            // THEN
            assertThat(page.items()).as("collection of %s", id).containsExactlyElementsOf(items);
            assertThat(new ArrayList<Record>(list.items())).as("notes of %s", id)
                    .containsExactlyElementsOf(items.subList(1, 3));
            assertThat(read.parent()).isEqualTo(items.get(0));
            assertThat(new ArrayList<Record>(read.children().items())).as("notes read with %s", id)
                    .containsExactlyElementsOf(items.subList(1, 3));
        }
    }

    @Test
    void query_pagesOfACollection_followTheirCursorsInKeyOrder() {
        // GIVEN a notebook with three notes, and a neighbour with one
        List<Record> items = new ArrayList<>();
        items.add(notebooks.create(ALICE, notebook("nb1", "Ideas")));
        for (String title : List.of("a", "b", "c")) {
            items.add(notes.create(ALICE, note("nb1", title)));
        }
        notes.create(ALICE, note("nb10", "neighbour"));

        // WHEN
        List<Record> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<Record> page = collection.query(ALICE, CollectionQuery.builder().value("notebookId", "nb1")
                    .limit(2).cursor(cursor.orElse(null)).build());
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());

        // THEN
        assertThat(seen).containsExactlyElementsOf(items);
        assertThat(pages).isBetween(2, 3);
        assertThat(sent.stream().filter(QueryRequest.class::isInstance).count()).isEqualTo(pages);
    }

    @Test
    void read_withChildren_isOneQueryWhoseCursorContinuesOnTheChildrensList() {
        // GIVEN a notebook with five notes
        Notebook notebook = notebooks.create(ALICE, notebook("nb1", "Ideas"));
        List<Note> created = new ArrayList<>();
        for (String title : List.of("a", "b", "c", "d", "e")) {
            created.add(notes.create(ALICE, note("nb1", title)));
        }
        sent.clear();

        // WHEN
        WithChildren<Notebook, Note> read = collection.parentAndChildren(Notebook.ENTITY, Note.ENTITY)
                .read(ALICE, Map.of("id", "nb1"), 2).orElseThrow();
        int requests = sent.size();
        List<Note> all = new ArrayList<>(read.children().items());
        Optional<String> cursor = read.children().nextCursor();
        while (cursor.isPresent()) {
            Page<Note> page = notes.query(ALICE, Query.table().within("notebookId", "nb1").limit(2)
                    .cursor(cursor.get()).build());
            all.addAll(page.items());
            cursor = page.nextCursor();
        }

        // THEN
        assertThat(requests).isOne();
        assertThat(read.parent()).isEqualTo(notebook);
        assertThat(read.children().items()).containsExactlyElementsOf(created.subList(0, 2));
        assertThat(all).containsExactlyElementsOf(created);
    }

    @Test
    void read_withChildren_pageStoppedBeforeTheChildren_continuesAtTheirFirst() {
        // GIVEN a notebook with a mood, which sorts between it and its notes, and two notes
        Notebook notebook = notebooks.create(ALICE, notebook("nb1", "Ideas"));
        table.repository(Mood.ENTITY).create(ALICE, new Mood(null, "nb1", "m1", "calm"));
        Note first = notes.create(ALICE, note("nb1", "a"));
        Note second = notes.create(ALICE, note("nb1", "b"));

        // WHEN one note is asked for: the page reads the notebook and the mood
        WithChildren<Notebook, Note> read = collection.parentAndChildren(Notebook.ENTITY, Note.ENTITY)
                .read(ALICE, Map.of("id", "nb1"), 1).orElseThrow();
        Page<Note> next = notes.query(ALICE, Query.table().within("notebookId", "nb1").limit(5)
                .cursor(read.children().nextCursor().orElseThrow()).build());

        // THEN
        assertThat(read.parent()).isEqualTo(notebook);
        assertThat(read.children().items()).isEmpty();
        assertThat(next.items()).containsExactly(first, second);
    }

    @Test
    void read_withChildren_missingNotebook_isEmpty() {
        // GIVEN notes whose notebook does not exist
        notes.create(ALICE, note("nb1", "orphan"));

        // WHEN / THEN
        assertThat(collection.parentAndChildren(Notebook.ENTITY, Note.ENTITY).read(ALICE, Map.of("id", "nb1"), 5))
                .isEmpty();
    }

    private static Notebook notebook(String id, String name) {
        return new Notebook(null, id, name, 0, null, null, null);
    }

    private static Note note(String notebookId, String title) {
        return new Note(null, notebookId, null, title, false, null, null, null);
    }
}
