package io.github.dynacrud.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.ArrayList;
// tag::transaction-imports[]
import io.github.dynacrud.TransactionCanceledException;
import io.github.dynacrud.table.ReadTransaction;
import io.github.dynacrud.table.Transaction;
// end::transaction-imports[]
// tag::batch-imports[]
import io.github.dynacrud.table.BatchWrite;
import java.util.List;
// end::batch-imports[]
// tag::operations-imports[]
import io.github.dynacrud.ConditionFailedException;
import io.github.dynacrud.table.Changes;
import io.github.dynacrud.table.Condition;
import io.github.dynacrud.table.Page;
import io.github.dynacrud.table.PartialItem;
import io.github.dynacrud.table.Precondition;
import io.github.dynacrud.table.Projection;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.Scope;
import java.util.Optional;
import java.util.Set;
// end::operations-imports[]
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The code of docs/operations.md, run against DynamoDB Local; {@link DocSnippetsTest} fails when the two drift apart.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class OperationsGuideIT {
    // tag::post[]
    public enum Status { DRAFT, PUBLISHED }

    public record Post(String authorId, String id, @NotBlank String title, Status status, int views,
            List<String> history, Set<String> labels, Long version, Instant createdAt, Instant updatedAt) {

        public static final Entity<Post> ENTITY = Entity.of(Post.class)
                .type("Post")
                .partitionKey("AUTHOR#{authorId}")
                .sortKey("POST#{id}")
                .generatedId("id")
                .owner("authorId")
                .version("version")
                .timestamps("createdAt", "updatedAt")
                .build();
    }
    // end::post[]

    private SingleTable table;
    private EntityRepository<Post> posts;

    @BeforeEach
    void openTable(DynamoDbClient dynamoDb) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("operations");
        LocalTable.create(dynamoDb, tableName, Post.ENTITY);
        table = SingleTable.builder().client(dynamoDb).tableName(tableName).build();
        posts = table.repository(Post.ENTITY);
    }

    @Test
    void conditionsChangesAndFilters_workAsTheGuideSays() {
        Scope alice = Scope.owner("alice");
        Post draft = posts.create(alice, new Post(null, null, "Hello", Status.DRAFT, 0, List.of(), Set.of(), null,
                null, null));
        Post published = posts.create(alice, new Post(null, null, "Out", Status.PUBLISHED, 0, List.of(), Set.of(),
                null, null, null));
        String id = published.id();

        // tag::condition[]
        Condition isDraft = Condition.attribute("status").eq(Status.DRAFT);
        try {
            posts.delete(alice, id, Precondition.when(isDraft));
        } catch (ConditionFailedException e) {
            // the post exists but is no draft (HTTP 409): nothing was deleted
        }
        // end::condition[]
        assertThat(posts.get(alice, id)).isPresent();
        posts.delete(alice, draft.id(), Precondition.version(draft.version()).and(isDraft));
        assertThat(posts.get(alice, draft.id())).isEmpty();

        // tag::changes[]
        Post read = posts.patch(alice, id, Changes.of(Post.ENTITY)
                .set("title", "Hello, world")
                .increment("views", 1)
                .append("history", List.of("renamed"))
                .addToSet("labels", Set.of("news")));
        // end::changes[]
        assertThat(read.views()).isEqualTo(1);
        assertThat(read.history()).containsExactly("renamed");
        assertThat(read.labels()).containsExactly("news");
        assertThat(read.version()).isEqualTo(2L);
        assertThatThrownBy(() -> Changes.of(Post.ENTITY).increment("title", 1))
                .isInstanceOf(IllegalArgumentException.class);

        // tag::filter[]
        Query popular = Query.table()
                .filter(Condition.attribute("status").eq(Status.PUBLISHED)
                        .and(Condition.attribute("views").ge(1)))
                .build();
        Page<Post> page = posts.query(alice, popular);
        // end::filter[]
        List<String> titles = new ArrayList<>();
        page.items().forEach(post -> titles.add(post.title()));
        assertThat(titles).containsExactly("Hello, world");

        // tag::projection[]
        Projection<Post> counts = Projection.of(Post.ENTITY, "title", "views");
        Optional<PartialItem<Post>> post = posts.get(alice, id, counts);
        int views = post.flatMap(p -> p.get("views", Integer.class)).orElse(0);
        Page<PartialItem<Post>> overview = posts.query(alice, Query.table().build(), counts);
        // end::projection[]
        assertThat(views).isEqualTo(1);
        assertThat(overview.items()).hasSize(1);
        assertThat(overview.items().get(0).get("title", String.class)).contains("Hello, world");
    }

    @Test
    void batches_workAsTheGuideSays() {
        Scope alice = Scope.owner("alice");
        String id = posts.create(alice, new Post(null, null, "Old", Status.DRAFT, 0, List.of(), Set.of(), null,
                null, null)).id();
        Post first = new Post(null, null, "First", Status.DRAFT, 0, List.of(), Set.of(), null, null, null);
        Post second = new Post(null, null, "Second", Status.DRAFT, 0, List.of(), Set.of(), null, null, null);

        // tag::batch[]
        List<Post> written = posts.batchWrite(alice, BatchWrite.Waiver.VERSION_CHECKS)
                .put(first)
                .put(second)
                .delete(id)
                .run();
        List<Post> found = posts.getAll(alice, List.of(written.get(1).id(), id, written.get(0).id()));
        // end::batch[]
        assertThat(found).extracting(Post::title).containsExactly("Second", "First");
        assertThat(found).extracting(Post::version).containsExactly(1L, 1L);
    }

    @Test
    void transactions_workAsTheGuideSays() {
        Scope alice = Scope.owner("alice");
        Post published = posts.create(alice, new Post(null, null, "Out", Status.PUBLISHED, 0, List.of(), Set.of(),
                null, null, null));
        String id = published.id();
        Post draft = new Post(null, null, "Follow-up", Status.DRAFT, 0, List.of(), Set.of(), null, null, null);

        // tag::transaction[]
        Transaction transaction = table.transaction();
        Post followUp = transaction.create(posts, alice, draft);
        transaction.patch(posts, alice, id, Changes.of(Post.ENTITY).append("history", List.of("followed up")),
                Precondition.version(1).and(Condition.attribute("status").eq(Status.PUBLISHED)));
        try {
            transaction.commit();
        } catch (TransactionCanceledException e) {
            // nothing was written; e.reasons() tells, per action, what failed (HTTP 409)
        }

        ReadTransaction read = table.readTransaction();
        ReadTransaction.Item<Post> original = read.get(posts, alice, id);
        ReadTransaction.Item<Post> created = read.get(posts, alice, followUp.id());
        ReadTransaction.Result both = read.run();
        Optional<Post> followed = both.get(original);
        // end::transaction[]
        assertThat(followed.orElseThrow().history()).containsExactly("followed up");
        assertThat(both.get(created)).contains(followUp);

        Transaction stale = table.transaction();
        stale.create(posts, alice, draft);
        stale.patch(posts, alice, id, Changes.of(Post.ENTITY).increment("views", 1), Precondition.version(1));
        assertThatThrownBy(stale::commit).isInstanceOfSatisfying(TransactionCanceledException.class,
                e -> assertThat(e.reasons()).containsExactly(TransactionCanceledException.Reason.NONE,
                        TransactionCanceledException.Reason.VERSION_CONFLICT));
    }
}
