package io.github.dynacrud.examples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.local.LocalApi;
import io.github.dynacrud.test.OpenApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The notes API end to end, as its clients see it: the handler deployed to Lambda, served over real HTTP on 127.0.0.1
 * by {@link NotesLocal}, on DynamoDB Local. Each test acts as its own caller (a bearer token with its own
 * {@code sub}), so tests never see each other's notebooks. Every response is checked against the OpenAPI document
 * the API serves, so the document and the behaviour cannot drift apart.
 */
class NotesApiE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String PROBLEM_TYPE = "application/problem+json";

    private static LocalApi api;
    private static HttpClient http;
    private static ExecutorService pool;
    /** The document the API serves: every response {@link #send} receives is checked against it. */
    private static OpenApiContract contract;

    @BeforeAll
    static void startApi() throws Exception {
        api = NotesLocal.start(0, null);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        pool = Executors.newFixedThreadPool(21);
        contract = OpenApiContract.of(http.send(HttpRequest.newBuilder(api.uri().resolve("/openapi.json")).build(),
                BodyHandlers.ofString()).body());
    }

    @AfterAll
    static void stopApi() {
        pool.shutdownNow();
        if (api != null) {
            api.close();
        }
    }

    @Test
    void notebook_lifecycle_withNotesCountedIncludedAndDeletedOnlyOnceEmpty() throws Exception {
        String me = caller();
        // GIVEN a notebook
        HttpResponse<String> created = send("POST", "/notebooks", me, "{\"name\": \"Ideas\", \"noteCount\": 9}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        JsonNode notebook = json(created);
        String location = "/notebooks/" + notebook.get("id").asText();
        assertThat(created.headers().firstValue("Location")).contains(location);
        assertThat(notebook.get("noteCount").asInt()).isZero();
        assertThat(notebook.get("name").asText()).isEqualTo("Ideas");

        // WHEN two notes are added, one pinned
        HttpResponse<String> first = send("POST", location + "/notes", me,
                "{\"title\": \"Buy milk\", \"body\": \"Oat\", \"tags\": [\"home\"]}");
        HttpResponse<String> second = send("POST", location + "/notes", me, "{\"title\": \"Call Ada\", \"pinned\": true}");

        // THEN
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String note = first.headers().firstValue("Location").orElseThrow();
        assertThat(note).startsWith(location + "/notes/");
        assertThat(first.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(json(first).get("pinned").asBoolean()).isFalse();
        assertThat(json(first).get("notebookId").asText()).isEqualTo(notebook.get("id").asText());
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(titles(send("GET", location + "/notes", me, null))).containsExactly("Buy milk", "Call Ada");
        assertThat(titles(send("GET", location + "/notes?pinned=true", me, null))).containsExactly("Call Ada");
        assertThat(titles(send("GET", location + "/notes?pinned=false", me, null))).containsExactly("Buy milk");
        HttpResponse<String> included = send("GET", location + "?include=notes&limit=1", me, null);
        assertThat(included.statusCode()).isEqualTo(200);
        JsonNode withNotes = json(included);
        assertThat(withNotes.get("noteCount").asInt()).isEqualTo(2);
        assertThat(withNotes.get("notes").get("items")).hasSize(1);
        assertThat(withNotes.get("notes").get("items").get(0).get("title").asText()).isEqualTo("Buy milk");
        String cursor = withNotes.get("notes").get("nextCursor").asText();
        assertThat(titles(send("GET", location + "/notes?cursor=" + cursor, me, null))).containsExactly("Call Ada");

        // WHEN the notebook is deleted while it has notes
        HttpResponse<String> refused = send("DELETE", location, me, null);

        // THEN
        assertProblem(refused, 409);
        assertThat(json(refused).get("detail").asText()).isEqualTo("Notebook still has children; delete them first");

        // WHEN a note is patched, replaced with a stale version, and both are deleted
        HttpResponse<String> patched = send("PATCH", note, me, "{\"pinned\": true, \"body\": null}", "If-Match", "\"1\"");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).get("pinned").asBoolean()).isTrue();
        assertThat(patched.headers().firstValue("ETag")).contains("\"2\"");
        assertProblem(send("PUT", note, me, "{\"title\": \"Lost\"}", "If-Match", "\"1\""), 412);
        assertThat(send("DELETE", note, me, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", second.headers().firstValue("Location").orElseThrow(), me, null).statusCode())
                .isEqualTo(204);

        // THEN the empty notebook goes, and its notes' routes are 404
        assertThat(json(send("GET", location, me, null)).get("noteCount").asInt()).isZero();
        assertThat(send("DELETE", location, me, null).statusCode()).isEqualTo(204);
        assertProblem(send("GET", location + "/notes", me, null), 404);
        assertProblem(send("POST", location + "/notes", me, "{\"title\": \"Too late\"}"), 404);
    }

    @Test
    void notebookCreate_repeatedWithItsIdempotencyKey_isReplayedWithoutASecondNotebook() throws Exception {
        // GIVEN a created notebook and its key
        String me = caller();
        HttpResponse<String> first = send("POST", "/notebooks", me, "{\"name\": \"Once\"}", "Idempotency-Key", "nb-1");

        // WHEN the client sends the same request again, then another body with the same key
        HttpResponse<String> again = send("POST", "/notebooks", me, "{\"name\": \"Once\"}", "Idempotency-Key", "nb-1");
        HttpResponse<String> other = send("POST", "/notebooks", me, "{\"name\": \"Twice\"}", "Idempotency-Key", "nb-1");

        // THEN the repeat is the first answer, replayed; the other body is refused; one notebook exists
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertProblem(other, 422);
        assertThat(json(send("GET", "/notebooks", me, null)).get("items")).hasSize(1);

        // AND a note created with a key is counted once, however often it is sent
        String notebook = first.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> note = send("POST", notebook + "/notes", me, "{\"title\": \"Once\"}",
                "Idempotency-Key", "note-1");
        HttpResponse<String> noteAgain = send("POST", notebook + "/notes", me, "{\"title\": \"Once\"}",
                "Idempotency-Key", "note-1");
        assertThat(note.statusCode()).isEqualTo(201);
        assertThat(noteAgain.body()).isEqualTo(note.body());
        assertThat(noteAgain.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json(send("GET", notebook, me, null)).get("noteCount").asInt()).isEqualTo(1);
        assertThat(titles(send("GET", notebook + "/notes", me, null))).containsExactly("Once");
    }

    @Test
    void anotherCaller_seesNothingAndCannotWriteUnderAnotherOnesNotebook() throws Exception {
        // GIVEN alice's notebook with a note
        String alice = caller();
        String bob = caller();
        String location = send("POST", "/notebooks", alice, "{\"name\": \"Private\"}").headers()
                .firstValue("Location").orElseThrow();
        String note = send("POST", location + "/notes", alice, "{\"title\": \"Secret\"}").headers()
                .firstValue("Location").orElseThrow();

        // WHEN / THEN
        assertThat(json(send("GET", "/notebooks", bob, null)).get("items")).isEmpty();
        assertProblem(send("GET", location, bob, null), 404);
        assertProblem(send("GET", location + "?include=notes", bob, null), 404);
        assertProblem(send("GET", location + "/notes", bob, null), 404);
        assertProblem(send("GET", location + "/notes?pinned=false", bob, null), 404);
        assertProblem(send("POST", location + "/notes", bob, "{\"title\": \"Intruder\"}"), 404);
        assertProblem(send("GET", note, bob, null), 404);
        assertProblem(send("PATCH", note, bob, "{\"title\": \"Mine\"}"), 404);
        assertProblem(send("DELETE", note, bob, null), 404);
        assertProblem(send("DELETE", location, bob, null), 404);
        assertThat(titles(send("GET", location + "/notes", alice, null))).containsExactly("Secret");
        assertThat(json(send("GET", location, alice, null)).get("noteCount").asInt()).isEqualTo(1);
    }

    @Test
    void noteOfAnotherNotebook_is404UnderThisOne() throws Exception {
        // GIVEN
        String me = caller();
        String one = send("POST", "/notebooks", me, "{\"name\": \"One\"}").headers().firstValue("Location")
                .orElseThrow();
        String two = send("POST", "/notebooks", me, "{\"name\": \"Two\"}").headers().firstValue("Location")
                .orElseThrow();
        String note = send("POST", one + "/notes", me, "{\"title\": \"In one\"}").headers().firstValue("Location")
                .orElseThrow();
        String elsewhere = note.replace(one, two);

        // WHEN / THEN
        assertProblem(send("GET", elsewhere, me, null), 404);
        assertProblem(send("DELETE", elsewhere, me, null), 404);
        assertThat(json(send("GET", two + "/notes", me, null)).get("items")).isEmpty();
        assertThat(send("GET", note, me, null).statusCode()).isEqualTo(200);
    }

    @Test
    void badRequests_areProblemsNeverServerErrors() throws Exception {
        // GIVEN
        String me = caller();
        String location = send("POST", "/notebooks", me, "{\"name\": \"Checks\"}").headers().firstValue("Location")
                .orElseThrow();

        // WHEN / THEN
        assertProblem(send("POST", "/notebooks", me, "{\"name\": \" \"}"), 422);
        assertProblem(send("POST", "/notebooks", me, "{\"name\": \"" + "n".repeat(101) + "\"}"), 422);
        assertProblem(send("POST", location + "/notes", me, "{\"title\": \"t\", \"tags\": [\"a\", \"a\"]}"), 422);
        assertProblem(send("POST", location + "/notes", me, "{\"title\": \"t\", \"body\": \""
                + "b".repeat(10_001) + "\"}"), 422);
        assertProblem(send("POST", location + "/notes", me, "{\"title\": "), 400);
        assertProblem(send("GET", location + "/notes?limit=101", me, null), 400);
        assertProblem(send("GET", location + "/notes?pinned=maybe", me, null), 400);
        assertProblem(send("GET", location + "?include=tasks", me, null), 400);
        HttpResponse<String> wrongType = send("POST", "/notebooks", me, "name", "Content-Type", "text/plain");
        assertProblem(wrongType, 415);
        HttpResponse<String> notAllowed = send("POST", location, me, "{}");
        assertProblem(notAllowed, 405);
        assertThat(notAllowed.headers().firstValue("Allow")).isPresent();
        assertThat(notAllowed.headers().firstValue("Allow").orElseThrow()).contains("GET", "PUT", "PATCH", "DELETE");
        assertProblem(send("GET", "/notebooks/x/pages", me, null), 404);
    }

    @RepeatedTest(3)
    void noteCreates_racingTheNotebooksDelete_neverLeaveANoteWithoutItsNotebook() throws Exception {
        // GIVEN an empty notebook
        String me = caller();
        String location = send("POST", "/notebooks", me, "{\"name\": \"Race\"}").headers().firstValue("Location")
                .orElseThrow();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = "{\"title\": \"Note " + i + "\"}";
            creates.add(pool.submit(() -> {
                start.await();
                return send("POST", location + "/notes", me, body).statusCode();
            }));
            if (i == 10) {
                creates.add(pool.submit(() -> {
                    start.await();
                    return -send("DELETE", location, me, null).statusCode();
                }));
            }
        }

        // WHEN
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> create : creates) {
            statuses.add(create.get());
        }

        // THEN
        int deleted = -statuses.remove(11);
        if (deleted == 204) {
            assertThat(statuses).as("every create after the delete").containsOnly(404);
            assertProblem(send("GET", location, me, null), 404);
            assertProblem(send("GET", location + "/notes", me, null), 404);
        } else {
            assertThat(deleted).isEqualTo(409);
            assertThat(statuses).as("every create under a notebook never deleted").containsOnly(201);
            assertThat(json(send("GET", location + "/notes?limit=100", me, null)).get("items")).hasSize(20);
            assertThat(json(send("GET", location, me, null)).get("noteCount").asInt()).isEqualTo(20);
        }
    }

    @Test
    void noteCreatesAndDeletes_racing_leaveTheCountEqualToTheNotes() throws Exception {
        // GIVEN a notebook with eight notes
        String me = caller();
        String location = send("POST", "/notebooks", me, "{\"name\": \"Busy\"}").headers().firstValue("Location")
                .orElseThrow();
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            existing.add(send("POST", location + "/notes", me, "{\"title\": \"Old " + i + "\"}").headers()
                    .firstValue("Location").orElseThrow());
        }
        CountDownLatch start = new CountDownLatch(1);

        // WHEN twelve notes are created while five are deleted
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String body = "{\"title\": \"New " + i + "\"}";
            writes.add(pool.submit(() -> {
                start.await();
                return send("POST", location + "/notes", me, body).statusCode();
            }));
        }
        for (String note : existing.subList(0, 5)) {
            writes.add(pool.submit(() -> {
                start.await();
                return send("DELETE", note, me, null).statusCode();
            }));
        }
        start.countDown();

        // THEN
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> write : writes) {
            statuses.add(write.get());
        }
        assertThat(statuses.subList(0, 12)).containsOnly(201);
        assertThat(statuses.subList(12, 17)).containsOnly(204);
        assertThat(json(send("GET", location + "/notes?limit=100", me, null)).get("items")).hasSize(15);
        assertThat(json(send("GET", location, me, null)).get("noteCount").asInt()).isEqualTo(15);
    }

    private static String caller() throws Exception {
        return "Bearer x." + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(
                Map.of("sub", "user-" + UUID.randomUUID()))) + ".y";
    }

    /**
     * Sends a request as a caller, with a JSON body if one is given, and checks the response against the document.
     *
     * @param headers more header names and values, in pairs, replacing those of the same name
     */
    private static HttpResponse<String> send(String method, String path, String authorization, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.uri() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", JSON_TYPE);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        contract.check(response);
        return response;
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(PROBLEM_TYPE);
        assertThat(json(response).get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception", "at io.github");
    }

    private static List<String> titles(HttpResponse<String> list) throws Exception {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        json(list).get("items").forEach(item -> titles.add(item.get("title").asText()));
        return titles;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
