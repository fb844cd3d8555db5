package io.github.dynacrud.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.http.HttpRequest;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.Principal;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import io.github.dynacrud.testing.Requests;
import java.util.ArrayList;
import java.util.List;
// tag::relationships-imports[]
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.table.CollectionQuery;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.ItemCollection;
import io.github.dynacrud.table.Page;
import io.github.dynacrud.table.ParentAndChildren;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import io.github.dynacrud.table.WithChildren;
import java.util.Map;
import java.util.Optional;
// end::relationships-imports[]
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The code of docs/relationships.md, run against DynamoDB Local; {@link DocSnippetsTest} fails when the two drift
 * apart.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class RelationshipsGuideIT {
    private static final Principal ALICE = Principal.of("alice");

    private SingleTable table;
    private EntityRepository<Notebook> notebooks;
    private EntityRepository<Note> notes;
    private Router router;

    @BeforeEach
    void mountNotebooksAndNotes(DynamoDbClient dynamoDb) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("relationships");
        LocalTable.create(dynamoDb, tableName, Notebook.ENTITY, Note.ENTITY);

        // tag::nested-router[]
        SingleTable table = SingleTable.builder().client(dynamoDb).tableName(tableName).build();
        EntityRepository<Notebook> notebooks = table.repository(Notebook.ENTITY);
        EntityRepository<Note> notes = table.repository(Note.ENTITY);
        Router router = Router.builder()
                .resource("/notebooks", notebooks, ResourceOptions.builder()
                        .listQuery(() -> Query.index("GSI1"))
                        .include("notes", notes)
                        .build())
                .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                        .parent(notebooks, "noteCount")
                        .listFilter("pinned", Boolean.class, pinned -> Query.index("GSI1")
                                .sortKey(SortKeyCondition.beginsWith(Map.of("pinned", pinned))))
                        .build())
                .build();
        // end::nested-router[]
        this.table = table;
        this.notebooks = notebooks;
        this.notes = notes;
        this.router = router;
    }

    @Test
    void nestedResources_asTheGuideShowsThem() {
        // GIVEN two notebooks, the first with two notes
        assertThat(send("POST", "/notebooks", "{\"id\": \"nb1\", \"name\": \"Ideas\"}").status()).isEqualTo(201);
        assertThat(send("POST", "/notebooks", "{\"id\": \"nb10\", \"name\": \"Later\"}").status()).isEqualTo(201);

        // tag::nested-request[]
        HttpResponse created = router.route(HttpRequest.builder()
                .method("POST").path("/notebooks/nb1/notes")
                .header("Content-Type", "application/json")
                .body("{\"title\": \"Buy milk\", \"notebookId\": \"ignored\"}")
                .principal(Principal.of("alice"))
                .build());
        // 201, Location: /notebooks/nb1/notes/<id>, and "notebookId": "nb1" from the path
        // end::nested-request[]
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(created.headers().first("Location").orElseThrow()).matches("/notebooks/nb1/notes/[0-9A-Z]{26}");
        assertThat(created.bodyText()).contains("\"notebookId\":\"nb1\"");
        send("POST", "/notebooks/nb1/notes", "{\"title\": \"Call Ada\", \"pinned\": true}");

        // WHEN / THEN the notebooks list reads GSI1, which holds no notes: two notebooks in a page of two
        HttpResponse list = send("GET", "/notebooks?limit=2", null);
        assertThat(list.bodyText()).contains("\"name\":\"Ideas\"").contains("\"name\":\"Later\"")
                .doesNotContain("Buy milk");
        HttpResponse pinned = send("GET", "/notebooks/nb1/notes?pinned=true", null);
        assertThat(pinned.bodyText()).contains("Call Ada").doesNotContain("Buy milk");
        assertThat(send("GET", "/notebooks/nb10/notes", null).bodyText())
                .isEqualTo("{\"items\":[],\"nextCursor\":null}");
        String location = created.headers().first("Location").orElseThrow();
        assertThat(send("GET", location.replace("/nb1/", "/nb10/"), null).status()).isEqualTo(404);

        HttpResponse included = send("GET", "/notebooks/nb1?include=notes&limit=1", null);
        assertThat(included.status()).isEqualTo(200);
        assertThat(included.bodyText()).startsWith("{\"id\":\"nb1\",\"name\":\"Ideas\"")
                .contains("\"notes\":{\"items\":[{").contains("Buy milk").doesNotContain("Call Ada")
                .containsPattern("\"nextCursor\":\"[A-Za-z0-9_-]+\"");
    }

    @Test
    void parents_asTheGuideShowsThem() {
        // GIVEN a notebook with one note
        send("POST", "/notebooks", "{\"id\": \"nb1\", \"name\": \"Ideas\"}");
        String note = send("POST", "/notebooks/nb1/notes", "{\"title\": \"Buy milk\"}").headers()
                .first("Location").orElseThrow();

        // tag::parent-delete[]
        HttpResponse refused = router.route(HttpRequest.builder()
                .method("DELETE").path("/notebooks/nb1")
                .principal(Principal.of("alice"))
                .build());
        // 409 while the notebook's noteCount is not 0: "Notebook still has children; delete them first"
        // end::parent-delete[]
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.bodyText()).contains("Notebook still has children; delete them first");
        assertThat(send("GET", "/notebooks/nb1", null).bodyText()).contains("\"noteCount\":1");
        assertThat(send("POST", "/notebooks/nb2/notes", "{\"title\": \"Lost\"}").status()).isEqualTo(404);
        assertThat(send("GET", "/notebooks/nb2/notes", null).status()).isEqualTo(404);
        assertThat(send("DELETE", note, null).status()).isEqualTo(204);
        assertThat(send("DELETE", "/notebooks/nb1", null).status()).isEqualTo(204);
    }

    @Test
    void collections_asTheGuideShowsThem() {
        // GIVEN
        notebooks.create(Scope.owner("alice"), new Notebook(null, "nb1", "Ideas", 0, null, null, null));
        notes.create(Scope.owner("alice"), new Note(null, "nb1", null, "Buy milk", false, null, null, null));
        notes.create(Scope.owner("alice"), new Note(null, "nb10", null, "Elsewhere", false, null, null, null));
        List<String> names = new ArrayList<>();
        List<String> titles = new ArrayList<>();

        // tag::collection[]
        ItemCollection notebook = table.collection(Notebook.ENTITY, Note.ENTITY);
        Page<Record> page = notebook.query(Scope.owner("alice"), CollectionQuery.builder()
                .value("notebookId", "nb1")
                .limit(50)
                .build());
        for (Record item : page.items()) {
            if (item instanceof Notebook found) {
                names.add(found.name());
            } else if (item instanceof Note note) {
                titles.add(note.title());
            }
        }
        // end::collection[]

        // tag::parent-and-children[]
        ParentAndChildren<Notebook, Note> withNotes = notebook.parentAndChildren(Notebook.ENTITY, Note.ENTITY);
        Optional<WithChildren<Notebook, Note>> read = withNotes.read(Scope.owner("alice"), Map.of("id", "nb1"), 20);
        Page<Note> more = notes.query(Scope.owner("alice"), Query.table()
                .within("notebookId", "nb1")
                .cursor(read.orElseThrow().children().nextCursor().orElse(null))
                .build());
        // end::parent-and-children[]

        // THEN
        assertThat(names).containsExactly("Ideas");
        assertThat(titles).containsExactly("Buy milk");
        assertThat(page.nextCursor()).isEmpty();
        assertThat(read.orElseThrow().parent().name()).isEqualTo("Ideas");
        assertThat(read.orElseThrow().children().items()).extracting(Note::title).containsExactly("Buy milk");
        assertThat(more.items()).extracting(Note::title).containsExactly("Buy milk");
    }

    private HttpResponse send(String method, String target, String body) {
        return router.route(Requests.of(method, target, ALICE, body));
    }
}
