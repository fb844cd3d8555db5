package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Placeholders;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** {@code GET /notebooks/{id}?include=notes}: one Query, its exact key condition, the answer and the refusals. */
class IncludeTest {
    private static final Principal ALICE = Principal.of("alice");

    /** A notebook whose own sort key sorts after its notes'. */
    record LateNotebook(String ownerId, String id, String name) {
        static final Entity<LateNotebook> ENTITY = Entity.of(LateNotebook.class).partitionKey("USER#{ownerId}")
                .sortKey("NOTEBOOK#{id}#SUMMARY").id("id").owner("ownerId").build();
    }

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final SingleTable table = SingleTable.builder().client(client).tableName("app").build();
    private final EntityRepository<Notebook> notebooks = table.repository(Notebook.ENTITY);
    private final EntityRepository<Note> notes = table.repository(Note.ENTITY);
    private final Router router = Router.builder()
            .resource("/notebooks", notebooks, ResourceOptions.builder().include("notes", notes).build())
            .resource("/notebooks/{notebookId}/notes", notes)
            .build();

    @Test
    void read_includingNotes_sendsOneQueryFromTheNotebookToTheEndOfItsNotes() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(
                Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#META"), "_type", s("Notebook"),
                        "ownerId", s("alice"), "id", s("nb1"), "name", s("Ideas"), "version", n(1)),
                Map.of("PK", s("USER#alice"), "SK", s("NOTEBOOK#nb1#NOTE#n1"), "_type", s("Note"),
                        "ownerId", s("alice"), "notebookId", s("nb1"), "id", s("n1"), "title", s("First"),
                        "pinned", AttributeValue.fromBool(false), "version", n(1))).build());

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/notebooks/nb1")
                .queryParameter("include", "notes").queryParameter("limit", "5").principal(ALICE).build());

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.headers().first("Content-Type")).contains("application/json");
        assertThat(response.headers().first("ETag")).isEmpty();
        assertThat(response.bodyText()).isEqualTo("{\"id\":\"nb1\",\"name\":\"Ideas\",\"noteCount\":0,\"version\":1,"
                + "\"createdAt\":null,\"updatedAt\":null,\"notes\":{\"items\":[{\"notebookId\":\"nb1\",\"id\":\"n1\","
                + "\"title\":\"First\",\"pinned\":false,\"version\":1,\"createdAt\":null,\"updatedAt\":null}],"
                + "\"nextCursor\":null}}");
        assertThat(mockingDetails(client).getInvocations()).hasSize(1);
        QueryRequest sent = (QueryRequest) mockingDetails(client).getInvocations().iterator().next()
                .getArguments()[0];
        Placeholders placeholders = new Placeholders(sent.expressionAttributeNames(),
                sent.expressionAttributeValues());
        assertThat(placeholders.resolve(sent.keyConditionExpression()))
                .isEqualTo("PK = 'USER#alice' AND SK BETWEEN 'NOTEBOOK#nb1#META' AND 'NOTEBOOK#nb1#NOTE$'");
        assertThat(placeholders.resolve(sent.filterExpression())).isEqualTo("_type IN ('Notebook', 'Note')");
        assertThat(sent.limit()).isEqualTo(6);
    }

    @Test
    void read_includingNotesOfAMissingNotebook_is404() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().build());

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/notebooks/nb1")
                .queryParameter("include", "notes").principal(ALICE).build());

        // THEN
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).contains("\"detail\":\"Notebook not found\"");
    }

    @Test
    void read_includingAnUnknownNameOrTwoOrABadLimit_is400WithoutARequest() {
        for (Map<String, String> query : new Map[] {Map.of("include", "tags"), Map.of("include", "notes,notes"),
                Map.of("include", "notes", "limit", "0"), Map.of("include", "notes", "limit", "101")}) {
            // WHEN
            HttpRequest.Builder request = HttpRequest.builder().path("/notebooks/nb1").principal(ALICE);
            query.forEach(request::queryParameter);
            HttpResponse response = router.route(request.build());

            // THEN
            assertThat(response.status()).as(query.toString()).isEqualTo(400);
            assertThat(response.bodyText()).as(query.toString())
                    .contains(query.containsKey("limit") ? "\"field\":\"limit\"" : "\"field\":\"include\"");
        }
        assertThat(mockingDetails(client).getInvocations()).isEmpty();
    }

    @Test
    void read_includingWithACursorOrAnUnknownParameter_is400NamingItWithoutARequest() {
        for (String name : new String[] {"cursor", "pinned"}) {
            HttpResponse response = router.route(HttpRequest.builder().path("/notebooks/nb1").principal(ALICE)
                    .queryParameter("include", "notes").queryParameter(name, "x").build());

            assertThat(response.status()).as(name).isEqualTo(400);
            assertThat(response.bodyText()).as(name).contains("\"field\":\"" + name + "\"");
        }
        assertThat(mockingDetails(client).getInvocations()).isEmpty();
    }

    @Test
    void build_includeWhoseChildrenListThroughAnotherQuery_refusedNamingIt() {
        Router.Builder builder = Router.builder()
                .resource("/notebooks", notebooks, ResourceOptions.builder().include("notes", notes).build())
                .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                        .listQuery(() -> Query.table().descending()).build());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("include 'notes' of Notebook").hasMessageContaining("Note");
    }

    @Test
    void build_includeWithoutTheReadRoute_refusedNamingIt() {
        assertThatThrownBy(() -> Router.builder().resource("/notebooks", notebooks, ResourceOptions.builder()
                .operations(ResourceOptions.Operation.LIST).include("notes", notes).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("include 'notes' of Notebook is served by the read route");
    }

    @Test
    void build_includeNamedAsAnAttribute_refusedNamingIt() {
        assertThatThrownBy(() -> Router.builder().resource("/notebooks", notebooks, ResourceOptions.builder()
                .include("name", notes).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("include 'name' of Notebook has the name of one of its attributes");
    }

    @Test
    void build_includeOfAnotherTable_refusedNamingIt() {
        EntityRepository<Note> elsewhere = SingleTable.builder().client(client).tableName("other").build()
                .repository(Note.ENTITY);

        assertThatThrownBy(() -> Router.builder().resource("/notebooks", notebooks, ResourceOptions.builder()
                .include("notes", elsewhere).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("include 'notes' of Notebook names Note of another table");
    }

    @Test
    void build_includeOfChildrenSortingBeforeTheParent_refusedNamingIt() {
        EntityRepository<LateNotebook> late = table.repository(LateNotebook.ENTITY);

        assertThatThrownBy(() -> Router.builder().resource("/notebooks", late, ResourceOptions.builder()
                .include("notes", notes).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("include 'notes' of LateNotebook: the items of LateNotebook");
    }

    @Test
    void options_includeWithAnInvalidOrRepeatedName_isRefused() {
        ResourceOptions.Builder options = ResourceOptions.builder().include("notes", notes);

        assertThatThrownBy(() -> options.include("notes", notes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("include 'notes' must be a new name");
        assertThatThrownBy(() -> options.include("my notes", notes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("include 'my notes'");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
