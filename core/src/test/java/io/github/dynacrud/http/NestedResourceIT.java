package io.github.dynacrud.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import io.github.dynacrud.testing.Requests;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code router.resource("/notebooks/{notebookId}/notes", notes)} against DynamoDB Local: the notebook comes from the
 * path, a note of another notebook does not exist under this one, and lists never leave their notebook, whatever ids
 * sort next to each other.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class NestedResourceIT {
    /** Notebook ids that extend "nb1" or sort right next to it, around the '#' separator. */
    static final List<String> SIBLINGS = List.of("nb1", "nb10", "nb1-x", "nb1 x", "nb1!", "nb", "nb0", "nb1~");

    private static final Principal ALICE = Principal.of("alice");
    private static final Principal BOB = Principal.of("bob");

    private DynamoDbClient dynamoDb;
    private String tableName;
    private Router router;

    @BeforeEach
    void mountNotes(DynamoDbClient client) {
        dynamoDb = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("nested");
        LocalTable.create(client, tableName, Notebook.ENTITY, Note.ENTITY);
        EntityRepository<Note> notes = SingleTable.builder().client(client).tableName(tableName)
                .cursorSecret("a secret that signs page cursors".getBytes(UTF_8)).build().repository(Note.ENTITY);
        router = Router.builder()
                .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                        .listFilter("pinned", Boolean.class, pinned -> Query.index("GSI1")
                                .sortKey(SortKeyCondition.beginsWith(Map.of("pinned", pinned))))
                        .build())
                .build();
    }

    @Test
    void create_underANotebook_takesTheNotebookFromThePathAndIgnoresTheBodys() {
        // WHEN
        HttpResponse created = send("POST", "/notebooks/nb1/notes", ALICE,
                "{\"notebookId\": \"nb2\", \"title\": \"First\"}");

        // THEN
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        JsonNode note = body(created);
        String id = note.get("id").asText();
        assertThat(note.get("notebookId").asText()).isEqualTo("nb1");
        assertThat(created.headers().first("Location")).contains("/notebooks/nb1/notes/" + id);
        assertThat(created.headers().first("ETag")).contains("\"1\"");
        assertThat(dynamoDb.getItem(r -> r.tableName(tableName).key(Map.of(
                "PK", AttributeValue.fromS("USER#alice"), "SK", AttributeValue.fromS("NOTEBOOK#nb1#NOTE#" + id))))
                .item()).containsEntry("notebookId", AttributeValue.fromS("nb1"));
    }

    @Test
    void noteOfAnotherNotebook_doesNotExistUnderThisOne_andStaysUnchanged() {
        // GIVEN a note in nb1
        HttpResponse created = send("POST", "/notebooks/nb1/notes", ALICE, "{\"title\": \"Kept\"}");
        String id = body(created).get("id").asText();
        String elsewhere = "/notebooks/nb10/notes/" + id;

        // WHEN every item operation addresses it under nb10
        List<HttpResponse> answers = List.of(send("GET", elsewhere, ALICE, null),
                send("PUT", elsewhere, ALICE, "{\"title\": \"Moved\"}"),
                send("PATCH", elsewhere, ALICE, "{\"title\": \"Moved\"}"),
                send("DELETE", elsewhere, ALICE, null));

        // THEN each is a 404, and the note is as it was under nb1
        for (HttpResponse answer : answers) {
            assertThat(answer.status()).as(answer.bodyText()).isEqualTo(404);
            assertThat(answer.headers().first("Content-Type")).contains("application/problem+json");
            assertThat(body(answer).get("detail").asText()).isEqualTo("Note not found");
        }
        HttpResponse read = send("GET", "/notebooks/nb1/notes/" + id, ALICE, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.bodyText()).isEqualTo(created.bodyText());
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isOne();
    }

    @Test
    void replaceAndPatch_underTheNotebook_keepTheNotebookWhateverTheBodySays() {
        // GIVEN
        String location = send("POST", "/notebooks/nb1/notes", ALICE, "{\"title\": \"Draft\"}").headers()
                .first("Location").orElseThrow();

        // WHEN
        HttpResponse replaced = send("PUT", location, ALICE, "{\"notebookId\": \"nb2\", \"title\": \"Final\"}");
        HttpResponse patched = send("PATCH", location, ALICE, "{\"notebookId\": \"nb2\", \"pinned\": true}");

        // THEN
        assertThat(replaced.status()).as(replaced.bodyText()).isEqualTo(200);
        assertThat(body(replaced).get("notebookId").asText()).isEqualTo("nb1");
        assertThat(patched.status()).as(patched.bodyText()).isEqualTo(200);
        assertThat(body(patched).get("notebookId").asText()).isEqualTo("nb1");
        assertThat(body(patched).get("title").asText()).isEqualTo("Final");
        assertThat(body(patched).get("version").asLong()).isEqualTo(3);
        assertThat(send("DELETE", location, ALICE, null).status()).isEqualTo(204);
        assertThat(send("GET", location, ALICE, null).status()).isEqualTo(404);
    }

    @Test
    void list_siblingNotebooksWithUserChosenIds_eachListsItsOwnNotesOnly() {
        // GIVEN one note in each of the notebooks whose ids sort next to each other, and one of bob's in nb1
        for (String notebook : SIBLINGS) {
            send("POST", notes(notebook), ALICE, "{\"title\": \"in " + notebook + "\", \"pinned\": true}");
        }
        send("POST", notes("nb1"), BOB, "{\"title\": \"bob's\", \"pinned\": true}");

        for (String notebook : SIBLINGS) {
            for (String filter : new String[] {"", "?pinned=true"}) {
                // WHEN
                HttpResponse list = send("GET", notes(notebook) + filter, ALICE, null);

                // THEN
                assertThat(list.status()).as(list.bodyText()).isEqualTo(200);
                assertThat(titles(list)).as("notes listed under %s%s", notebook, filter)
                        .containsExactly("in " + notebook);
                assertThat(body(list).get("nextCursor").isNull()).isTrue();
            }
        }
    }

    @Test
    void list_pagesOfANotebook_followTheirCursorsAndStayInIt() {
        // GIVEN three notes in nb1 and one in nb10
        for (String title : List.of("a", "b", "c")) {
            send("POST", notes("nb1"), ALICE, "{\"title\": \"" + title + "\"}");
        }
        send("POST", notes("nb10"), ALICE, "{\"title\": \"other\"}");

        // WHEN
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            HttpResponse page = send("GET", notes("nb1") + "?limit=2" + (next == null ? "" : "&cursor=" + next),
                    ALICE, null);
            assertThat(page.status()).as(page.bodyText()).isEqualTo(200);
            seen.addAll(titles(page));
            JsonNode cursor = body(page).get("nextCursor");
            next = cursor.isNull() ? null : cursor.asText();
            pages++;
        } while (next != null);
        String firstCursor = body(send("GET", notes("nb1") + "?limit=1", ALICE, null)).get("nextCursor").asText();
        HttpResponse foreign = send("GET", notes("nb10") + "?limit=1&cursor=" + firstCursor, ALICE, null);

        // THEN
        assertThat(seen).containsExactly("a", "b", "c");
        assertThat(pages).isEqualTo(2);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(body(foreign).get("errors").get(0).get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void request_pathValueWithTheSeparator_is404AndWritesNothing() {
        // WHEN
        HttpResponse created = send("POST", "/notebooks/nb%231/notes", ALICE, "{\"title\": \"Forged\"}");
        HttpResponse listed = send("GET", "/notebooks/nb1%23NOTE/notes", ALICE, null);

        // THEN
        assertThat(created.status()).isEqualTo(404);
        assertThat(listed.status()).isEqualTo(404);
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isZero();
    }

    static String notes(String notebook) {
        return "/notebooks/" + URLEncoder.encode(notebook, UTF_8).replace("+", "%20") + "/notes";
    }

    private HttpResponse send(String method, String path, Principal caller, String body) {
        return router.route(Requests.of(method, path, caller, body));
    }

    private static List<String> titles(HttpResponse list) {
        List<String> titles = new ArrayList<>();
        body(list).get("items").forEach(item -> titles.add(item.get("title").asText()));
        return titles;
    }

    private static JsonNode body(HttpResponse response) {
        try {
            return Json.mapper().readTree(response.bodyText());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.bodyText(), e);
        }
    }
}
