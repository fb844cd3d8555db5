package io.github.dynacrud.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Page;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The code of docs/entities.md, run against DynamoDB Local; {@link DocSnippetsTest} fails when the two drift apart.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class EntitiesGuideIT {
    // tag::todo[]
    public record Todo(String ownerId, String id, @NotBlank @Size(max = 200) String title, boolean done,
            LocalDate dueDate, Long version, Instant createdAt, Instant updatedAt) {

        public static final Entity<Todo> ENTITY = Entity.of(Todo.class)
                .type("Todo")
                .partitionKey("USER#{ownerId}")
                .sortKey("TODO#{id}")
                .index("GSI1", "USER#{ownerId}", "DONE#{done}#{id}")
                .generatedId("id")
                .owner("ownerId")
                .version("version")
                .timestamps("createdAt", "updatedAt")
                .build();
    }
    // end::todo[]

    // tag::user[]
    public record User(String id, @NotBlank @Email String email, @NotBlank String name, String passwordHash,
            Long version, Instant createdAt, Instant updatedAt) {

        public static final Entity<User> ENTITY = Entity.of(User.class)
                .partitionKey("USER#{id}")
                .sortKey("PROFILE")
                .index("GSI2", "EMAIL#{email}", "USER")
                .generatedId("id")
                .version("version")
                .timestamps("createdAt", "updatedAt")
                .unique("email")
                .hidden("passwordHash")
                .build();
    }
    // end::user[]

    private EntityRepository<Todo> todos;
    private EntityRepository<User> users;

    @BeforeEach
    void createTable(DynamoDbClient dynamoDb) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("guide");
        // tag::table[]
        LocalTable.create(dynamoDb, tableName, Todo.ENTITY, User.ENTITY);

        SingleTable table = SingleTable.builder().client(dynamoDb).tableName(tableName).build();
        EntityRepository<Todo> todos = table.repository(Todo.ENTITY);
        EntityRepository<User> users = table.repository(User.ENTITY);
        // end::table[]
        this.todos = todos;
        this.users = users;
    }

    @Test
    void crud_asTheGuideShowsIt() {
        // tag::crud[]
        Scope alice = Scope.owner("alice");

        Todo created = todos.create(alice, new Todo(null, null, "Write the docs", false, null, null, null, null));
        // created.id() is a new ULID, created.version() is 1, createdAt == updatedAt

        Optional<Todo> found = todos.get(alice, created.id());
        Optional<Todo> hidden = todos.get(Scope.owner("bob"), created.id());   // empty: not bob's

        Todo done = todos.patch(alice, created.id(), Map.of("done", true), created.version());
        Todo renamed = todos.replace(alice,
                new Todo(null, done.id(), "Write better docs", true, LocalDate.of(2026, 12, 24), null, null, null),
                done.version());

        todos.delete(alice, renamed.id(), renamed.version());
        // end::crud[]

        assertThat(created.version()).isEqualTo(1L);
        assertThat(found).contains(created);
        assertThat(hidden).isEmpty();
        assertThat(done.done()).isTrue();
        assertThat(done.version()).isEqualTo(2L);
        assertThat(renamed.title()).isEqualTo("Write better docs");
        assertThat(renamed.version()).isEqualTo(3L);
        assertThat(renamed.createdAt()).isEqualTo(created.createdAt());
        assertThat(todos.get(alice, created.id())).isEmpty();
    }

    @Test
    void staleVersion_isRefused() {
        Scope alice = Scope.owner("alice");
        Todo todo = todos.create(alice, new Todo(null, null, "Pay rent", false, null, null, null, null));
        todos.patch(alice, todo.id(), Map.of("title", "Pay the rent"), todo.version());

        // tag::conflict[]
        try {
            todos.patch(alice, todo.id(), Map.of("done", true), todo.version());
        } catch (VersionConflictException e) {
            // someone else wrote first: read the todo again, then decide
        }
        // end::conflict[]

        assertThatThrownBy(() -> todos.patch(alice, todo.id(), Map.of("done", true), todo.version()))
                .isInstanceOf(VersionConflictException.class);
        assertThat(todos.get(alice, todo.id()).orElseThrow().done()).isFalse();
    }

    @Test
    void paging_visitsEveryItemOnce() {
        Scope alice = Scope.owner("alice");
        for (int i = 0; i < 7; i++) {
            todos.create(alice, new Todo(null, null, "Todo " + i, i % 2 == 0, null, null, null, null));
        }

        // tag::paging[]
        List<Todo> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Todo> page = todos.query(alice, Query.table().limit(3).cursor(cursor).build());
            all.addAll(page.items());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);

        Page<Todo> open = todos.query(alice, Query.index("GSI1")
                .sortKey(SortKeyCondition.beginsWith(Map.of("done", false)))
                .limit(25)
                .build());
        // end::paging[]

        assertThat(all).hasSize(7).extracting(Todo::id).isSorted();
        assertThat(open.items()).hasSize(3).allMatch(todo -> !todo.done());
    }

    @Test
    void uniqueEmail_isTakenOnce() {
        // tag::unique[]
        User ada = users.create(Scope.unscoped(),
                new User(null, "ada@example.com", "Ada", null, null, null, null));
        try {
            users.create(Scope.unscoped(), new User(null, "ada@example.com", "Another Ada", null, null, null, null));
        } catch (UniqueConstraintException e) {
            // e.attribute() is "email"
        }
        Page<User> byEmail = users.query(Scope.unscoped(), Query.index("GSI2")
                .partition("email", "ada@example.com")
                .build());
        // end::unique[]

        assertThat(byEmail.items()).containsExactly(ada);
        assertThatThrownBy(() -> users.create(Scope.unscoped(),
                new User(null, "ada@example.com", "Ada again", null, null, null, null)))
                .isInstanceOfSatisfying(UniqueConstraintException.class,
                        e -> assertThat(e.attribute()).isEqualTo("email"));
    }
}
