package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import io.github.dynacrud.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Notes whose resource names the notebooks as their parent, against DynamoDB Local: a note is created only under a
 * notebook of the caller, a notebook with notes is not deleted, and concurrent creates and deletes never leave a note
 * without its notebook nor a count that differs from the notes present.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ParentResourceIT {
    private static final Principal ALICE = Principal.of("alice");
    private static final Principal BOB = Principal.of("bob");

    private final ExecutorService pool = Executors.newFixedThreadPool(21);
    private EntityRepository<Notebook> notebooks;
    private EntityRepository<Note> notes;
    private Router router;

    @BeforeEach
    void mount(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("parents");
        LocalTable.create(client, tableName, Notebook.ENTITY, Note.ENTITY);
        SingleTable table = SingleTable.builder().client(client).tableName(tableName).build();
        notebooks = table.repository(Notebook.ENTITY);
        notes = table.repository(Note.ENTITY);
        router = Router.builder()
                .resource("/notebooks", notebooks)
                .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                        .parent(notebooks, "noteCount").build())
                .build();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void create_underANotebookThatDoesNotExist_is404AndStoresNothing() {
        // WHEN
        HttpResponse created = send("POST", "/notebooks/nb1/notes", ALICE, "{\"title\": \"Lost\"}");

        // THEN
        assertThat(created.status()).as(created.bodyText()).isEqualTo(404);
        assertThat(created.bodyText()).contains("Notebook not found");
        assertThat(notesOf(ALICE, "nb1")).isEmpty();
        assertThat(send("GET", "/notebooks/nb1/notes", ALICE, null).status()).isEqualTo(404);
    }

    @Test
    void notebook_withNotes_countsThemAndIsDeletedOnlyOnceEmpty() {
        // GIVEN
        assertThat(send("POST", "/notebooks", ALICE, "{\"id\": \"nb1\", \"name\": \"Ideas\", \"noteCount\": 7}")
                .status()).isEqualTo(201);
        String first = send("POST", "/notebooks/nb1/notes", ALICE, "{\"title\": \"One\"}").headers()
                .first("Location").orElseThrow();
        HttpResponse second = send("POST", "/notebooks/nb1/notes", ALICE, "{\"title\": \"Two\"}");
        assertThat(second.status()).isEqualTo(201);

        // WHEN / THEN
        assertThat(body(send("GET", "/notebooks/nb1", ALICE, null)).get("noteCount").asInt()).isEqualTo(2);
        HttpResponse refused = send("DELETE", "/notebooks/nb1", ALICE, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.headers().first("Content-Type")).contains("application/problem+json");
        assertThat(body(refused).get("detail").asText()).isEqualTo("Notebook still has children; delete them first");
        assertThat(send("PATCH", "/notebooks/nb1", ALICE, "{\"noteCount\": 0}").status()).isEqualTo(200);
        assertThat(send("DELETE", "/notebooks/nb1", ALICE, null).status()).isEqualTo(409);
        assertThat(send("DELETE", first, ALICE, null).status()).isEqualTo(204);
        assertThat(send("DELETE", first, ALICE, null).status()).isEqualTo(404);
        assertThat(body(send("GET", "/notebooks/nb1", ALICE, null)).get("noteCount").asInt()).isEqualTo(1);
        assertThat(send("DELETE", second.headers().first("Location").orElseThrow(), ALICE, null).status())
                .isEqualTo(204);
        assertThat(send("DELETE", "/notebooks/nb1", ALICE, null).status()).isEqualTo(204);
        assertThat(send("GET", "/notebooks/nb1/notes", ALICE, null).status()).isEqualTo(404);
    }

    @Test
    void anotherCaller_cannotCreateOrListUnderANotebookThatIsNotTheirs() {
        // GIVEN
        send("POST", "/notebooks", ALICE, "{\"id\": \"nb1\", \"name\": \"Ideas\"}");
        send("POST", "/notebooks/nb1/notes", ALICE, "{\"title\": \"Mine\"}");

        // WHEN
        HttpResponse created = send("POST", "/notebooks/nb1/notes", BOB, "{\"title\": \"Bob's\"}");
        HttpResponse listed = send("GET", "/notebooks/nb1/notes", BOB, null);

        // THEN
        assertThat(created.status()).isEqualTo(404);
        assertThat(listed.status()).isEqualTo(404);
        assertThat(notesOf(BOB, "nb1")).isEmpty();
        assertThat(body(send("GET", "/notebooks/nb1", ALICE, null)).get("noteCount").asInt()).isEqualTo(1);
    }

    @RepeatedTest(3)
    void creates_racingTheNotebooksDelete_neverLeaveANoteWithoutItsNotebook() throws Exception {
        // GIVEN an empty notebook
        send("POST", "/notebooks", ALICE, "{\"id\": \"nb1\", \"name\": \"Ideas\"}");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String title = "{\"title\": \"Note " + i + "\"}";
            calls.add(() -> {
                start.await();
                return send("POST", "/notebooks/nb1/notes", ALICE, title).status();
            });
        }
        calls.add(10, () -> {
            start.await();
            return send("DELETE", "/notebooks/nb1", ALICE, null).status();
        });

        // WHEN
        List<Future<Integer>> futures = calls.stream().map(pool::submit).toList();
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> future : futures) {
            statuses.add(future.get());
        }

        // THEN
        int deleted = statuses.remove(10);
        List<Note> stored = notesOf(ALICE, "nb1");
        if (deleted == 204) {
            assertThat(notebooks.get(Scope.owner("alice"), "nb1")).isEmpty();
            assertThat(statuses).as("creates after the delete").containsOnly(404);
            assertThat(stored).isEmpty();
        } else {
            assertThat(deleted).isEqualTo(409);
            assertThat(statuses).as("creates under a notebook that was never deleted").containsOnly(201);
            assertThat(stored).hasSize(20);
            assertThat(notebooks.get(Scope.owner("alice"), "nb1").orElseThrow().noteCount()).isEqualTo(20);
        }
    }

    @Test
    void creates_racingEachOther_allLandAndAreCounted() throws Exception {
        // GIVEN
        send("POST", "/notebooks", ALICE, "{\"id\": \"nb1\", \"name\": \"Ideas\"}");
        CountDownLatch start = new CountDownLatch(1);

        // WHEN
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String title = "{\"title\": \"Note " + i + "\"}";
            futures.add(pool.submit(() -> {
                start.await();
                return send("POST", "/notebooks/nb1/notes", ALICE, title).status();
            }));
        }
        start.countDown();

        // THEN
        for (Future<Integer> future : futures) {
            assertThat(future.get()).isEqualTo(201);
        }
        assertThat(notesOf(ALICE, "nb1")).hasSize(20);
        assertThat(notebooks.get(Scope.owner("alice"), "nb1").orElseThrow().noteCount()).isEqualTo(20);
    }

    @Test
    void createsAndDeletes_racing_leaveTheCountEqualToTheNotesPresent() throws Exception {
        // GIVEN ten notes
        send("POST", "/notebooks", ALICE, "{\"id\": \"nb1\", \"name\": \"Ideas\"}");
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            existing.add(send("POST", "/notebooks/nb1/notes", ALICE, "{\"title\": \"Old " + i + "\"}").headers()
                    .first("Location").orElseThrow());
        }
        CountDownLatch start = new CountDownLatch(1);

        // WHEN ten more are created while six are deleted, one of them twice
        List<Future<Integer>> creates = new ArrayList<>();
        List<Future<Integer>> deletes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String title = "{\"title\": \"New " + i + "\"}";
            creates.add(pool.submit(() -> {
                start.await();
                return send("POST", "/notebooks/nb1/notes", ALICE, title).status();
            }));
        }
        for (String location : List.of(existing.get(0), existing.get(1), existing.get(2), existing.get(3),
                existing.get(4), existing.get(5), existing.get(5))) {
            deletes.add(pool.submit(() -> {
                start.await();
                return send("DELETE", location, ALICE, null).status();
            }));
        }
        start.countDown();

        // THEN
        for (Future<Integer> create : creates) {
            assertThat(create.get()).isEqualTo(201);
        }
        List<Integer> deleted = new ArrayList<>();
        for (Future<Integer> delete : deletes) {
            deleted.add(delete.get());
        }
        assertThat(deleted).containsExactlyInAnyOrder(204, 204, 204, 204, 204, 204, 404);
        assertThat(notesOf(ALICE, "nb1")).hasSize(14);
        assertThat(notebooks.get(Scope.owner("alice"), "nb1").orElseThrow().noteCount()).isEqualTo(14);
    }

    private List<Note> notesOf(Principal caller, String notebookId) {
        return notes.query(Scope.owner(caller.subject()), Query.table().within("notebookId", notebookId).limit(100)
                .build()).items();
    }

    private HttpResponse send(String method, String path, Principal caller, String body) {
        return router.route(Requests.of(method, path, caller, body));
    }

    private static JsonNode body(HttpResponse response) {
        try {
            return Json.mapper().readTree(response.bodyText());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.bodyText(), e);
        }
    }
}
