package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.RetryableException;
import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Races 20 threads released by one start gate against DynamoDB Local: conditional writes let exactly one of them win,
 * and unique values keep exactly one guard item.
 */
class ConcurrencyIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final int THREADS = 20;
    private static final Scope ALICE = Scope.owner("alice");
    private static final Scope NONE = Scope.unscoped();

    private static ExecutorService executor;

    private DynamoDbClient client;
    private String tableName;
    private EntityRepository<Todo> todos;
    private EntityRepository<User> users;
    private EntityRepository<Everything> things;

    @BeforeAll
    static void startThreads() {
        executor = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopThreads() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @BeforeEach
    void createTable(DynamoDbClient client) {
        this.client = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("concurrency");
        LocalTable.create(client, tableName, Todo.ENTITY, User.ENTITY, Everything.ENTITY);
        SingleTable table = SingleTable.builder().client(client).tableName(tableName).build();
        todos = table.repository(Todo.ENTITY);
        users = table.repository(User.ENTITY);
        things = table.repository(Everything.ENTITY);
    }

    @Test
    void concurrentCreatesOfOneTodoId_letExactlyOneSucceed() throws Exception {
        // GIVEN 20 todos with the same client-supplied id and different titles

        // WHEN they are created at once
        List<Outcome<Todo>> outcomes = race(i -> () -> todos.create(ALICE,
                new Todo(null, "same-id", "title " + i, false, null, null, null, null)));

        // THEN one is stored and 19 are told the item exists
        List<Todo> winners = successes(outcomes);
        assertThat(winners).hasSize(1);
        assertThat(failures(outcomes)).hasSize(THREADS - 1).allSatisfy(failure ->
                assertThat(failure).isInstanceOf(ItemAlreadyExistsException.class));
        assertThat(todos.get(ALICE, "same-id")).contains(winners.get(0));
        assertThat(scanAll()).hasSize(1);
    }

    @Test
    void concurrentCreatesOfOneThingId_letExactlyOneSucceed() throws Exception {
        // GIVEN 20 things with one fixed id

        // WHEN they are created at once
        List<Outcome<Everything>> outcomes = race(i -> () -> things.create(NONE, new Everything("thing", "text " + i,
                false, null, i, 0L, null, null, null, null, null, null, List.of(), Set.of(), Map.of(), null, null)));

        // THEN exactly one is stored
        List<Everything> winners = successes(outcomes);
        assertThat(winners).hasSize(1);
        assertThat(failures(outcomes)).hasSize(THREADS - 1).allSatisfy(failure ->
                assertThat(failure).isInstanceOf(ItemAlreadyExistsException.class));
        assertThat(things.get(NONE, "thing")).contains(winners.get(0));
    }

    @Test
    void concurrentPatchesFromOneVersion_letExactlyOneWinWithoutLostUpdate() throws Exception {
        // GIVEN a todo at version 1
        Todo created = todos.create(ALICE, Todo.of("original"));

        // WHEN 20 writers patch a different title each, all expecting version 1
        List<Outcome<Todo>> outcomes = race(i -> () -> todos.patch(ALICE, created.id(),
                Map.of("title", "writer " + i), 1));

        // THEN one wins, 19 conflict, and the stored todo is the winner's at version 2
        List<Todo> winners = successes(outcomes);
        assertThat(winners).hasSize(1);
        assertThat(failures(outcomes)).hasSize(THREADS - 1).allSatisfy(failure ->
                assertThat(failure).isInstanceOf(VersionConflictException.class));
        Todo winner = winners.get(0);
        assertThat(winner.title()).matches("writer \\d+");
        assertThat(winner.version()).isEqualTo(2L);
        assertThat(todos.get(ALICE, created.id())).contains(winner);
    }

    @Test
    void concurrentUserCreatesWithOneEmail_keepExactlyOneUserAndOneGuard() throws Exception {
        // GIVEN 20 users with the same email

        // WHEN they are created at once
        List<Outcome<User>> outcomes = race(i -> () -> users.create(NONE, User.of("same@example.com", "user " + i)));

        // THEN one is stored; the others find the email taken or are asked to retry
        List<User> winners = successes(outcomes);
        assertThat(winners).hasSize(1);
        assertThat(failures(outcomes)).hasSize(THREADS - 1).allSatisfy(failure ->
                assertThat(failure).isInstanceOfAny(UniqueConstraintException.class, RetryableException.class));
        // AND the table holds exactly that user and one guard pointing at it
        User winner = winners.get(0);
        assertThat(usersInTable()).extracting(item -> item.get("id").s()).containsExactly(winner.id());
        assertThat(guards()).containsExactly(guard("same@example.com", winner.id()));
        assertThat(users.get(NONE, winner.id())).contains(winner);
    }

    @Test
    void concurrentEmailChangesFromOneVersion_letExactlyOneWinAndLeaveOneGuard() throws Exception {
        // GIVEN a user at version 1
        User created = users.create(NONE, User.of("old@example.com", "Ann"));

        // WHEN 20 writers change its email to a different address each, all expecting version 1
        List<Outcome<User>> outcomes = race(i -> () -> users.patch(NONE, created.id(),
                Map.of("email", "new" + i + "@example.com"), 1));

        // THEN one wins, and only the winner's address is guarded
        List<User> winners = successes(outcomes);
        assertThat(winners).hasSize(1);
        assertThat(failures(outcomes)).hasSize(THREADS - 1).allSatisfy(failure ->
                assertThat(failure).isInstanceOfAny(VersionConflictException.class, RetryableException.class));
        User winner = winners.get(0);
        assertThat(winner.email()).matches("new\\d+@example\\.com");
        assertThat(winner.version()).isEqualTo(2);
        assertThat(users.get(NONE, created.id())).contains(winner);
        assertThat(guards()).containsExactly(guard(winner.email(), created.id()));
    }

    @Test
    void concurrentEmailChangesWithoutExpectedVersion_leaveExactlyTheStoredEmailGuarded() throws Exception {
        // GIVEN a user at version 1
        User created = users.create(NONE, User.of("old@example.com", "Ann"));

        // WHEN 20 writers change its email to a different address each, at once, without an expected version
        List<Outcome<User>> outcomes = race(i -> () -> users.patch(NONE, created.id(),
                Map.of("email", "new" + i + "@example.com")));

        // THEN writes that succeeded did so one after another, each losing writer was told so, and exactly the
        // email finally stored is guarded: no guard of an overwritten or refused email is left behind
        List<User> winners = successes(outcomes);
        assertThat(winners).isNotEmpty();
        assertThat(winners).extracting(User::version).doesNotHaveDuplicates();
        assertThat(failures(outcomes)).hasSize(THREADS - winners.size()).allSatisfy(failure ->
                assertThat(failure).isInstanceOfAny(VersionConflictException.class, RetryableException.class));
        User stored = users.get(NONE, created.id()).orElseThrow();
        assertThat(stored.version()).isEqualTo(1 + winners.size());
        assertThat(winners).contains(stored);
        assertThat(guards()).containsExactly(guard(stored.email(), created.id()));
    }

    @Test
    void deletingAUser_freesItsEmail() {
        // GIVEN a user
        User first = users.create(NONE, User.of("reuse@example.com", "First"));

        // WHEN it is deleted
        users.delete(NONE, first.id(), 1);

        // THEN its guard is gone and a new user can take the email
        assertThat(guards()).isEmpty();
        assertThat(usersInTable()).isEmpty();
        User second = users.create(NONE, User.of("reuse@example.com", "Second"));
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(guards()).containsExactly(guard("reuse@example.com", second.id()));
        assertThat(users.get(NONE, first.id())).isEmpty();
    }

    @Test
    void patchingAUsersEmail_movesItsGuard() {
        // GIVEN a user
        User user = users.create(NONE, User.of("before@example.com", "Ann"));

        // WHEN its email is changed
        User patched = users.patch(NONE, user.id(), Map.of("email", "after@example.com"), 1);

        // THEN the old guard is gone, the new one points at the user, and the old email is free again
        assertThat(patched.email()).isEqualTo("after@example.com");
        assertThat(patched.version()).isEqualTo(2);
        assertThat(guards()).containsExactly(guard("after@example.com", user.id()));
        User other = users.create(NONE, User.of("before@example.com", "Bob"));
        assertThat(guards()).containsExactlyInAnyOrder(guard("after@example.com", user.id()),
                guard("before@example.com", other.id()));
        // AND the user is found by its new email through GSI1
        Page<User> byEmail = users.query(NONE, Query.index("GSI1").partition("email", "after@example.com").build());
        assertThat(byEmail.items()).containsExactly(patched);
        assertThat(users.query(NONE, Query.index("GSI1").partition("email", "before@example.com").build()).items())
                .containsExactly(other);
    }

    @Test
    void replacingAUsersEmail_movesItsGuard() {
        // GIVEN a user
        User user = users.create(NONE, User.of("before@example.com", "Ann"));

        // WHEN it is replaced with another email
        User replaced = users.replace(NONE, new User(user.id(), "after@example.com", "Ann B", null, null, null, null),
                1);

        // THEN only the new email is guarded
        assertThat(replaced.email()).isEqualTo("after@example.com");
        assertThat(replaced.name()).isEqualTo("Ann B");
        assertThat(replaced.version()).isEqualTo(2);
        assertThat(guards()).containsExactly(guard("after@example.com", user.id()));
    }

    @Test
    void patchingAUsersEmailToATakenOne_throwsUniqueConstraintAndKeepsBothGuards() {
        // GIVEN two users
        User ann = users.create(NONE, User.of("ann@example.com", "Ann"));
        User bob = users.create(NONE, User.of("bob@example.com", "Bob"));

        // WHEN bob's email is changed to ann's
        UniqueConstraintException thrown = catchThrowableOfType(UniqueConstraintException.class,
                () -> users.patch(NONE, bob.id(), Map.of("email", "ann@example.com"), 1));

        // THEN it is refused naming the attribute, and both users and guards are unchanged
        assertThat(thrown).isNotNull().hasMessage("User email is already taken");
        assertThat(thrown.attribute()).isEqualTo("email");
        assertThat(thrown.status()).isEqualTo(409);
        assertThat(users.get(NONE, ann.id())).contains(ann);
        assertThat(users.get(NONE, bob.id())).contains(bob);
        assertThat(guards()).containsExactlyInAnyOrder(guard("ann@example.com", ann.id()),
                guard("bob@example.com", bob.id()));
    }

    @Test
    void creatingAUserWithATakenEmail_throwsUniqueConstraintAndWritesNothing() {
        // GIVEN a user
        User ann = users.create(NONE, User.of("ann@example.com", "Ann"));

        // WHEN another user with that email is created
        UniqueConstraintException thrown = catchThrowableOfType(UniqueConstraintException.class,
                () -> users.create(NONE, User.of("ann@example.com", "Impostor")));

        // THEN it is refused and only ann and her guard exist
        assertThat(thrown).isNotNull();
        assertThat(thrown.attribute()).isEqualTo("email");
        assertThat(usersInTable()).extracting(item -> item.get("id").s()).containsExactly(ann.id());
        assertThat(guards()).containsExactly(guard("ann@example.com", ann.id()));
    }

    // ---------------------------------------------------------------- helpers

    /** Runs one task per thread, all released at once by a start gate, and collects what each returned or threw. */
    private static <T> List<Outcome<T>> race(IntFunction<Callable<T>> task) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Callable<T> work = task.apply(i);
            futures.add(executor.submit(() -> {
                ready.countDown();
                start.await();
                return work.call();
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).as("all threads ready").isTrue();
        start.countDown();
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Future<T> future : futures) {
            try {
                outcomes.add(new Outcome<>(future.get(30, TimeUnit.SECONDS), null));
            } catch (ExecutionException e) {
                outcomes.add(new Outcome<>(null, e.getCause()));
            } catch (TimeoutException e) {
                throw new AssertionError("a racing write did not finish", e);
            }
        }
        return outcomes;
    }

    private static <T> List<T> successes(List<Outcome<T>> outcomes) {
        return outcomes.stream().filter(o -> o.failure() == null).map(Outcome::value).toList();
    }

    private static <T> List<Throwable> failures(List<Outcome<T>> outcomes) {
        return outcomes.stream().map(Outcome::failure).filter(Objects::nonNull).toList();
    }

    private List<Map<String, AttributeValue>> scanAll() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(r -> r.tableName(tableName).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    private List<Map<String, AttributeValue>> usersInTable() {
        return scanAll().stream().filter(item -> AttributeValue.fromS("User").equals(item.get("_type"))).toList();
    }

    /** Every guard item in the table, as "PK -> targetPK" lines; also checks that no guard has a malformed key. */
    private List<String> guards() {
        return scanAll().stream().filter(item -> item.get("PK").s().startsWith("UNIQUE#")
                        || AttributeValue.fromS("_unique").equals(item.get("_type")))
                .map(item -> {
                    assertThat(item.get("SK")).isEqualTo(item.get("PK"));
                    assertThat(item.get("_type")).isEqualTo(AttributeValue.fromS("_unique"));
                    assertThat(item.get("targetSK")).isEqualTo(AttributeValue.fromS("PROFILE"));
                    return item.get("PK").s() + " -> " + item.get("targetPK").s();
                })
                .toList();
    }

    private static String guard(String email, String userId) {
        return "UNIQUE#User#email#" + email + " -> USER#" + userId;
    }

    /** What one racing task returned or threw. */
    private record Outcome<T>(T value, Throwable failure) {
    }
}
