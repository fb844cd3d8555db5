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
import io.github.dynacrud.table.SortKeyCondition;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Resources mounted under a path with parameters: the refusals when the router is built, and the exact key queries
 * and 404s of requests, against a mocked client.
 */
class NestedResourceTest {
    /** An entry of a day: a key attribute that is not a String cannot come from a path. */
    record Entry(String ownerId, LocalDate day, String id, String text) {
        static final Entity<Entry> ENTITY = Entity.of(Entry.class).partitionKey("USER#{ownerId}")
                .sortKey("DAY#{day}#ENTRY#{id}").generatedId("id").owner("ownerId").build();
    }

    /** A note with an index that does not hold its notebook. */
    /** A note whose sort key gives its notebook after its own id: no list can be bounded to one notebook. */
    record TrailingNote(String ownerId, String notebookId, String id, String title) {
        static final Entity<TrailingNote> ENTITY = Entity.of(TrailingNote.class).partitionKey("USER#{ownerId}")
                .sortKey("NOTE#{id}#NB#{notebookId}").generatedId("id").owner("ownerId").build();
    }

    record LooseNote(String ownerId, String notebookId, String id, String title) {
        static final Entity<LooseNote> ENTITY = Entity.of(LooseNote.class).partitionKey("USER#{ownerId}")
                .sortKey("NOTEBOOK#{notebookId}#NOTE#{id}").index("GSI1", "USER#{ownerId}", "TITLE#{title}")
                .generatedId("id").owner("ownerId").build();
    }

    private static final Principal ALICE = Principal.of("alice");

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final SingleTable table = SingleTable.builder().client(client).tableName("app").build();
    private final EntityRepository<Note> notes = table.repository(Note.ENTITY);

    @Test
    void build_pathParameterNamingNoAttribute_refusedNamingTheParameterAndTheEntity() {
        assertThatThrownBy(() -> Router.builder().resource("/notebooks/{bookId}/notes", notes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{bookId}'").hasMessageContaining("names no attribute of Note");
    }

    @Test
    void build_pathParameterNamingAnAttributeOutsideTheKey_refusedNamingTheParameterAndTheEntity() {
        assertThatThrownBy(() -> Router.builder().resource("/titles/{title}/notebooks/{notebookId}/notes", notes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{title}'").hasMessageContaining("not in the key of Note");
    }

    @Test
    void build_keyAttributeNoPathGives_refusedNamingTheAttributeAndTheEntity() {
        assertThatThrownBy(() -> Router.builder().resource("/notes", notes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key attribute 'notebookId' of Note is given neither by the path '/notes'");
    }

    @Test
    void build_pathParameterNamingTheId_refusedNamingTheParameterAndTheEntity() {
        assertThatThrownBy(() -> Router.builder().resource("/notebooks/{notebookId}/notes/{id}/copies", notes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{id}'").hasMessageContaining("is the id attribute of Note");
    }

    @Test
    void build_pathParameterNamingTheOwner_refusedNamingTheParameterAndTheEntity() {
        assertThatThrownBy(() -> Router.builder().resource("/users/{ownerId}/notebooks/{notebookId}/notes", notes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{ownerId}'").hasMessageContaining("names the owner of Note");
    }

    @Test
    void build_pathParameterGivenTwice_refusedNamingTheParameterAndTheEntity() {
        assertThatThrownBy(() -> Router.builder().resource("/notebooks/{notebookId}/x/{notebookId}/notes", notes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resource Note").hasMessageContaining("'{notebookId}'");
    }

    @Test
    void build_pathParameterOfANonStringAttribute_refusedNamingTheParameterAndTheEntity() {
        assertThatThrownBy(() -> Router.builder().resource("/days/{day}/entries", table.repository(Entry.ENTITY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{day}'").hasMessageContaining("of Entry, of type LocalDate");
    }

    @Test
    void build_groupPrefixWithAnUnknownParameter_refusedNamingTheFullPath() {
        assertThatThrownBy(() -> Router.builder().group("/shelves/{shelfId}", shelf -> shelf
                        .resource("/notebooks/{notebookId}/notes", notes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{shelfId}' of '/shelves/{shelfId}/notebooks/{notebookId}/notes'")
                .hasMessageContaining("Note");
    }

    @Test
    void build_pathAttributeAfterAnotherSortKeyPlaceholder_refusedNamingItAndTheEntity() {
        EntityRepository<TrailingNote> trailing = table.repository(TrailingNote.ENTITY);

        assertThatThrownBy(() -> Router.builder().resource("/notebooks/{notebookId}/notes", trailing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{notebookId}' of TrailingNote")
                .hasMessageContaining("NOTE#{id}#NB#{notebookId}");
        assertThat(Router.builder().resource("/notebooks/{notebookId}/notes", trailing,
                ResourceOptions.builder().operations(ResourceOptions.Operation.CREATE, ResourceOptions.Operation.READ).build()).build()).isNotNull();
    }

    @Test
    void build_listFilterWithAnIndexNotHoldingThePathAttribute_refusedNamingTheIndex() {
        EntityRepository<LooseNote> loose = table.repository(LooseNote.ENTITY);
        ResourceOptions filtered = ResourceOptions.builder().listFilter("title", String.class,
                title -> Query.index("GSI1").sortKey(SortKeyCondition.equalTo(Map.of("title", title)))).build();

        assertThatThrownBy(() -> Router.builder().resource("/notebooks/{notebookId}/notes", loose, filtered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{notebookId}' of LooseNote is not held by index GSI1");
        assertThatThrownBy(() -> Router.builder().resource("/notebooks/{notebookId}/notes", loose,
                ResourceOptions.builder().listQuery(() -> Query.index("GSI1")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'{notebookId}' of LooseNote is not held by index GSI1");
        assertThat(Router.builder().resource("/notebooks/{notebookId}/notes", loose).build()).isNotNull();
    }

    @Test
    void list_nestedPath_sendsOneQueryBoundedToTheNotebook() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().build());
        Router router = Router.builder().resource("/notebooks/{notebookId}/notes", notes).build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/notebooks/nb1/notes")
                .principal(ALICE).build());

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"items\":[],\"nextCursor\":null}");
        QueryRequest sent = onlyQuery();
        assertThat(new Placeholders(sent.expressionAttributeNames(), sent.expressionAttributeValues())
                .resolve(sent.keyConditionExpression()))
                .isEqualTo("PK = 'USER#alice' AND begins_with(SK, 'NOTEBOOK#nb1#NOTE#')");
    }

    @Test
    void list_listFilterOnAnIndex_sendsOneQueryBoundedToTheNotebook() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().build());
        Router router = Router.builder().resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                .listFilter("pinned", Boolean.class, pinned -> Query.index("GSI1")
                        .sortKey(SortKeyCondition.beginsWith(Map.of("pinned", pinned))))
                .build()).build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/notebooks/nb1/notes")
                .queryParameter("pinned", "true").principal(ALICE).build());

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        QueryRequest sent = onlyQuery();
        assertThat(sent.indexName()).isEqualTo("GSI1");
        assertThat(new Placeholders(sent.expressionAttributeNames(), sent.expressionAttributeValues())
                .resolve(sent.keyConditionExpression()))
                .isEqualTo("GSI1PK = 'USER#alice#NOTEBOOK#nb1' AND begins_with(GSI1SK, 'PINNED#true#')");
    }

    @Test
    void list_resourceInAGroupWithTheParameter_sendsOneQueryBoundedToTheNotebook() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().build());
        Router router = Router.builder().group("/notebooks/{notebookId}", notebook -> notebook
                .resource("/notes", notes)).build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/notebooks/nb1%20x/notes")
                .principal(ALICE).build());

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        QueryRequest sent = onlyQuery();
        assertThat(new Placeholders(sent.expressionAttributeNames(), sent.expressionAttributeValues())
                .resolve(sent.keyConditionExpression()))
                .isEqualTo("PK = 'USER#alice' AND begins_with(SK, 'NOTEBOOK#nb1 x#NOTE#')");
    }

    @Test
    void list_listQueryOnAnIndex_sendsOneQueryOfThatIndex() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().build());
        Router router = Router.builder().resource("/notebooks", table.repository(Notebook.ENTITY),
                ResourceOptions.builder().listQuery(() -> Query.index("GSI1")).build()).build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/notebooks").principal(ALICE).build());

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        QueryRequest sent = onlyQuery();
        assertThat(sent.indexName()).isEqualTo("GSI1");
        assertThat(new Placeholders(sent.expressionAttributeNames(), sent.expressionAttributeValues())
                .resolve(sent.keyConditionExpression()))
                .isEqualTo("GSI1PK = 'USER#alice' AND begins_with(GSI1SK, 'NOTEBOOK#')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/notebooks/nb%231/notes", "/notebooks/nb%231/notes/n1"})
    void request_pathValueThatCouldForgeAKey_answers404WithoutARequest(String path) {
        // GIVEN
        Router router = Router.builder().resource("/notebooks/{notebookId}/notes", notes).build();

        for (String method : new String[] {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
            // WHEN
            HttpResponse response = router.route(HttpRequest.builder().method(method).path(path)
                    .header("Content-Type", "application/json").body("{\"title\": \"t\"}").principal(ALICE).build());

            // THEN 404, or 405 for a method the path does not have
            boolean item = path.endsWith("/n1");
            boolean mounted = item ? !method.equals("POST") : method.equals("GET") || method.equals("POST");
            assertThat(response.status()).as(method + " " + path).isEqualTo(mounted ? 404 : 405);
            assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
        }
        assertThat(mockingDetails(client).getInvocations()).isEmpty();
    }

    @Test
    void request_pathValueTooLong_answers404WithoutARequest() {
        // GIVEN
        Router router = Router.builder().resource("/notebooks/{notebookId}/notes", notes).build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/notebooks/" + "n".repeat(257) + "/notes")
                .principal(ALICE).build());

        // THEN
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).contains("\"status\":404").doesNotContain("256");
        assertThat(mockingDetails(client).getInvocations()).isEmpty();
    }

    private QueryRequest onlyQuery() {
        assertThat(mockingDetails(client).getInvocations()).hasSize(1);
        return (QueryRequest) mockingDetails(client).getInvocations().iterator().next().getArguments()[0];
    }
}
