package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import io.github.dynacrud.testing.RecordingDynamoDb;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@code GET /notebooks/{id}?include=notes} against DynamoDB Local: one Query for the notebook and its first notes,
 * never a sibling notebook's, with a cursor that continues on {@code GET /notebooks/{id}/notes}.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class IncludeIT {
    private static final Principal ALICE = Principal.of("alice");

    private final List<DynamoDbRequest> sent = new ArrayList<>();
    private Router router;

    @BeforeEach
    void mountNotebooksAndNotes(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("include");
        LocalTable.create(client, tableName, Notebook.ENTITY, Note.ENTITY);
        SingleTable table = SingleTable.builder().client(RecordingDynamoDb.of(client, sent)).tableName(tableName)
                .build();
        EntityRepository<Note> notes = table.repository(Note.ENTITY);
        router = Router.builder()
                .resource("/notebooks", table.repository(Notebook.ENTITY), ResourceOptions.builder()
                        .operations(ResourceOptions.Operation.CREATE, ResourceOptions.Operation.READ)
                        .include("notes", notes).build())
                .resource("/notebooks/{notebookId}/notes", notes)
                .build();
    }

    @Test
    void read_includingNotes_isOneQueryOfTheNotebookAndItsFirstNotes_continuedOnTheNotesList() {
        // GIVEN notebooks whose ids sort next to nb1, each with notes, and nb1 with five
        for (String id : NestedResourceIT.SIBLINGS) {
            send("POST", "/notebooks", "{\"id\": \"" + id + "\", \"name\": \"Notebook " + id + "\"}");
            send("POST", NestedResourceIT.notes(id), "{\"title\": \"only in " + id + "\"}");
        }
        List<String> titles = new ArrayList<>(List.of("only in nb1"));
        for (String title : List.of("b", "c", "d", "e")) {
            send("POST", NestedResourceIT.notes("nb1"), "{\"title\": \"" + title + "\"}");
            titles.add(title);
        }
        sent.clear();

        // WHEN
        HttpResponse read = router.route(HttpRequest.builder().path("/notebooks/nb1").queryParameter("include", "notes")
                .queryParameter("limit", "2").principal(ALICE).build());
        int requests = sent.size();

        // THEN one Query answered the notebook and its first two notes
        assertThat(read.status()).as(read.bodyText()).isEqualTo(200);
        assertThat(requests).isOne();
        assertThat(sent.get(0)).isInstanceOf(QueryRequest.class);
        JsonNode body = tree(read);
        assertThat(body.get("id").asText()).isEqualTo("nb1");
        assertThat(body.get("name").asText()).isEqualTo("Notebook nb1");
        assertThat(body.has("ownerId")).isFalse();
        List<String> seen = titles(body.get("notes"));
        assertThat(seen).containsExactly("only in nb1", "b");

        // WHEN the cursor continues on the notes' list route; THEN the other notes of nb1 follow, and only they
        String cursor = body.get("notes").get("nextCursor").asText();
        while (cursor != null) {
            HttpResponse page = router.route(HttpRequest.builder().path("/notebooks/nb1/notes")
                    .queryParameter("limit", "2").queryParameter("cursor", cursor).principal(ALICE).build());
            assertThat(page.status()).as(page.bodyText()).isEqualTo(200);
            seen.addAll(titles(tree(page)));
            JsonNode next = tree(page).get("nextCursor");
            cursor = next.isNull() ? null : next.asText();
        }
        assertThat(seen).containsExactlyElementsOf(titles);
    }

    @Test
    void read_includingNotes_ofAnotherCallersOrAMissingNotebook_is404() {
        // GIVEN
        send("POST", "/notebooks", "{\"id\": \"nb1\", \"name\": \"Mine\"}");

        // WHEN
        HttpResponse bobs = router.route(HttpRequest.builder().path("/notebooks/nb1").queryParameter("include", "notes")
                .principal(Principal.of("bob")).build());
        HttpResponse missing = router.route(HttpRequest.builder().path("/notebooks/nb2")
                .queryParameter("include", "notes").principal(ALICE).build());

        // THEN
        assertThat(bobs.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers().first("Content-Type")).contains("application/problem+json");
    }

    @Test
    void read_withoutInclude_isTheNotebookAloneWithItsETag() {
        // GIVEN
        send("POST", "/notebooks", "{\"id\": \"nb1\", \"name\": \"Mine\"}");
        send("POST", NestedResourceIT.notes("nb1"), "{\"title\": \"a\"}");

        // WHEN
        HttpResponse read = router.route(HttpRequest.builder().path("/notebooks/nb1").principal(ALICE).build());

        // THEN
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().first("ETag")).contains("\"1\"");
        assertThat(tree(read).has("notes")).isFalse();
    }

    private void send(String method, String path, String body) {
        HttpResponse response = router.route(HttpRequest.builder().method(method).path(path).principal(ALICE)
                .header("Content-Type", "application/json").body(body).build());
        assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("items").forEach(item -> titles.add(item.get("title").asText()));
        return titles;
    }

    private static JsonNode tree(HttpResponse response) {
        try {
            return Json.mapper().readTree(response.bodyText());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.bodyText(), e);
        }
    }
}
