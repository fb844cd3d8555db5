package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.dynacrud.RetryableException;
import io.github.dynacrud.TransactionCanceledException;
import io.github.dynacrud.TransactionCanceledException.Reason;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Transactions against DynamoDB Local: all or nothing, typed cancellations, unique guards, concurrency. */
@ExtendWith(DynamoDbLocalExtension.class)
class TransactionIT {
    private static final Scope ALICE = Scope.owner("alice");
    private static final Scope ANYONE = Scope.unscoped();

    /** A project of one owner that counts its open todos. */
    public record Project(String ownerId, String id, int open, Long version) {
        static final Entity<Project> ENTITY = Entity.of(Project.class).type("Project")
                .partitionKey("USER#{ownerId}").sortKey("PROJECT#{id}").id("id").owner("ownerId").version("version")
                .build();
    }

    private DynamoDbClient dynamoDb;
    private String tableName;
    private SingleTable table;
    private EntityRepository<Todo> todos;
    private EntityRepository<Project> projects;
    private EntityRepository<User> users;
    private Project project;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        dynamoDb = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("transactions");
        LocalTable.create(client, tableName, Todo.ENTITY, Project.ENTITY, User.ENTITY);
        table = SingleTable.builder().client(client).tableName(tableName).build();
        todos = table.repository(Todo.ENTITY);
        projects = table.repository(Project.ENTITY);
        users = table.repository(User.ENTITY);
        project = projects.create(ALICE, new Project(null, "p1", 0, null));
    }

    private Changes<Project> oneMore() {
        return Changes.of(Project.ENTITY).increment("open", 1);
    }

    @Test
    void commit_acrossTwoEntityTypes_writesBothOrNeither() {
        // WHEN a todo is created and its project counts it, together
        Transaction first = table.transaction();
        Todo created = first.create(todos, ALICE, Todo.of("first"));
        first.patch(projects, ALICE, "p1", oneMore(), Precondition.version(1)).commit();

        // THEN both are written
        assertThat(todos.get(ALICE, created.id())).contains(created);
        assertThat(projects.get(ALICE, "p1")).contains(new Project("alice", "p1", 1, 2L));

        // WHEN the same pair goes with a stale project version
        Transaction stale = table.transaction();
        Todo notCreated = stale.create(todos, ALICE, Todo.of("second"));
        stale.patch(projects, ALICE, "p1", oneMore(), Precondition.version(1));
        TransactionCanceledException thrown = assertThatExceptionOfType(TransactionCanceledException.class)
                .isThrownBy(stale::commit).actual();

        // THEN neither is written
        assertThat(thrown.reasons()).containsExactly(Reason.NONE, Reason.VERSION_CONFLICT);
        assertThat(todos.get(ALICE, notCreated.id())).isEmpty();
        assertThat(projects.get(ALICE, "p1")).contains(new Project("alice", "p1", 1, 2L));
    }

    @Test
    void cancellation_eachReason_isTheFailingActionsWhileTheOtherIsNone() {
        // GIVEN a todo that is not done and a user with a taken email
        Todo todo = todos.create(ALICE, Todo.of("open"));
        users.create(ANYONE, User.of("ada@example.com", "Ada"));
        Consumer<Transaction> passing = t -> t.check(projects, ALICE, "p1", Precondition.version(1));

        // WHEN / THEN
        assertReason(t -> t.create(todos, ALICE, new Todo(null, todo.id(), "again", false, null, null, null, null)),
                passing, Reason.ALREADY_EXISTS);
        assertReason(t -> t.patch(todos, ALICE, todo.id(), Changes.of(Todo.ENTITY).set("done", true),
                Precondition.version(7)), passing, Reason.VERSION_CONFLICT);
        assertReason(t -> t.delete(todos, ALICE, "missing"), passing, Reason.NOT_FOUND);
        assertReason(t -> t.delete(todos, Scope.owner("bob"), todo.id()), passing, Reason.NOT_FOUND);
        assertReason(t -> t.check(todos, ALICE, todo.id(), Precondition.when(Condition.attribute("done").eq(true))),
                passing, Reason.CONDITION_FAILED);
        assertReason(t -> t.create(users, ANYONE, User.of("ada@example.com", "Other Ada")), passing,
                Reason.UNIQUE_VALUE_TAKEN);
        assertThat(todos.get(ALICE, todo.id())).contains(todo);
        assertThat(projects.get(ALICE, "p1")).contains(project);
    }

    private void assertReason(Consumer<Transaction> failing, Consumer<Transaction> passing, Reason expected) {
        Transaction transaction = table.transaction();
        passing.accept(transaction);
        failing.accept(transaction);
        TransactionCanceledException thrown = assertThatExceptionOfType(TransactionCanceledException.class)
                .isThrownBy(transaction::commit).actual();
        assertThat(thrown.reasons()).as(expected.name()).containsExactly(Reason.NONE, expected);
        assertThat(thrown.status()).isEqualTo(409);
    }

    @Test
    void uniqueCreate_writesTheGuardWithTheItem_andADeleteAsReadFreesIt() {
        // WHEN a user is created in a transaction with a project count
        Transaction create = table.transaction();
        User ada = create.create(users, ANYONE, User.of("ada@example.com", "Ada"));
        create.patch(projects, ALICE, "p1", oneMore()).commit();

        // THEN its guard is written with it
        assertThat(guards()).containsExactly("UNIQUE#User#email#ada@example.com");
        assertThat(users.get(ANYONE, ada.id())).contains(ada);

        // WHEN it is deleted as read, in a transaction
        table.transaction().delete(users, ANYONE, ada).patch(projects, ALICE, "p1", oneMore()).commit();

        // THEN the guard is gone and the email free again
        assertThat(guards()).isEmpty();
        assertThat(users.get(ANYONE, ada.id())).isEmpty();
        assertThat(users.create(ANYONE, User.of("ada@example.com", "Another Ada")).email())
                .isEqualTo("ada@example.com");
    }

    @Test
    void replaceAsRead_withAStaleState_movesNoGuard() {
        // GIVEN
        User ada = users.create(ANYONE, User.of("ada@example.com", "Ada"));
        users.patch(ANYONE, ada.id(), Map.of("name", "Ada L."));

        // WHEN
        TransactionCanceledException thrown = assertThatExceptionOfType(TransactionCanceledException.class)
                .isThrownBy(() -> table.transaction().replace(users, ANYONE, ada,
                        new User(ada.id(), "ada@example.org", "Ada", null, null, null, null)).commit()).actual();

        // THEN
        assertThat(thrown.reasons()).containsExactly(Reason.VERSION_CONFLICT);
        assertThat(guards()).containsExactly("UNIQUE#User#email#ada@example.com");
    }

    @Test
    void deleteAsRead_givenAnotherUsersUniqueValue_leavesThatUsersGuard() {
        // GIVEN two users, and Ada as read but with Bob's email in place of hers
        User ada = users.create(ANYONE, User.of("ada@example.com", "Ada"));
        users.create(ANYONE, User.of("bob@example.com", "Bob"));
        User wrongAda = new User(ada.id(), "bob@example.com", "Ada", null, ada.version(), ada.createdAt(),
                ada.updatedAt());

        // WHEN
        TransactionCanceledException thrown = assertThatExceptionOfType(TransactionCanceledException.class)
                .isThrownBy(() -> table.transaction().delete(users, ANYONE, wrongAda).commit()).actual();

        // THEN nothing is written: Bob's guard is not Ada's to free
        assertThat(thrown.reasons()).containsExactly(Reason.VERSION_CONFLICT);
        assertThat(guards()).containsExactlyInAnyOrder("UNIQUE#User#email#ada@example.com",
                "UNIQUE#User#email#bob@example.com");
        assertThat(users.get(ANYONE, ada.id())).contains(ada);
    }

    @Test
    void twentyConcurrentTransactions_onOneItem_loseNoUpdate_andFailOnlyTyped() throws Exception {
        // GIVEN twenty writers that each count one new todo on the project from the version they read
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> writers = new ArrayList<>();

        // WHEN
        for (int i = 0; i < 20; i++) {
            String title = "todo " + i;
            writers.add(pool.submit(() -> {
                while (true) {
                    Project read = projects.get(ALICE, "p1").orElseThrow();
                    Transaction transaction = table.transaction();
                    transaction.create(todos, ALICE, Todo.of(title));
                    transaction.patch(projects, ALICE, "p1", Changes.of(Project.ENTITY).set("open", read.open() + 1),
                            Precondition.version(read.version()));
                    try {
                        transaction.commit();
                        return null;
                    } catch (TransactionCanceledException | RetryableException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();

        // THEN every count is there, and every failure was typed
        assertThat(projects.get(ALICE, "p1")).contains(new Project("alice", "p1", 20, 21L));
        assertThat(todos.query(ALICE, Query.table().limit(100).build()).items()).hasSize(20);
        assertThat(failures).as("writers that read the same version").isNotEmpty().allSatisfy(failure -> {
            if (failure instanceof TransactionCanceledException canceled) {
                assertThat(canceled.reasons()).containsExactly(Reason.NONE, Reason.VERSION_CONFLICT);
            } else {
                assertThat(failure).isInstanceOf(RetryableException.class);
            }
        });
    }

    @Test
    void readTransaction_answersTheCallersItemsOfTwoTypes_inTheOrderAsked_missingOnesEmpty() {
        // GIVEN
        Todo todo = todos.create(ALICE, Todo.of("read me"));
        Todo bobs = todos.create(Scope.owner("bob"), Todo.of("not yours"));
        ReadTransaction read = table.readTransaction();
        ReadTransaction.Item<Project> readProject = read.get(projects, ALICE, "p1");
        ReadTransaction.Item<Todo> missing = read.get(todos, ALICE, "missing");
        ReadTransaction.Item<Todo> readTodo = read.get(todos, ALICE, todo.id());
        ReadTransaction.Item<Todo> other = read.get(todos, ALICE, bobs.id());

        // WHEN
        ReadTransaction.Result result = read.run();

        // THEN
        assertThat(result.get(readProject)).contains(project);
        assertThat(result.get(missing)).isEmpty();
        assertThat(result.get(readTodo)).contains(todo);
        assertThat(result.get(other)).isEmpty();
        assertThat(result.items()).containsExactly(java.util.Optional.of(project), java.util.Optional.empty(),
                java.util.Optional.of(todo), java.util.Optional.empty());
    }

    private List<String> guards() {
        return dynamoDb.scan(r -> r.tableName(tableName)).items().stream()
                .filter(item -> AttributeValue.fromS("_unique").equals(item.get("_type")))
                .map(item -> item.get("PK").s()).toList();
    }
}
