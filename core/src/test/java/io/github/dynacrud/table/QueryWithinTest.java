package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Todo;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** {@code Query.within}: a key attribute's value fills the queried partition key or leads the sort key condition. */
class QueryWithinTest {
    /** A pin whose sort key ends with the notebook's id: a path value that is its last placeholder. */
    record Pin(String ownerId, String id, String notebookId) {
        static final io.github.dynacrud.entity.Entity<Pin> ENTITY = io.github.dynacrud.entity.Entity.of(Pin.class)
                .type("Pin").partitionKey("USER#{ownerId}#PIN#{id}").sortKey("NOTEBOOK#{notebookId}").id("id")
                .owner("ownerId").build();
    }

    private static final Scope ALICE = Scope.owner("alice");

    private final DynamoDbClient client = MockDynamoDb.client();
    private final EntityRepository<Note> notes = SingleTable.builder().client(client).tableName("app").build()
            .repository(Note.ENTITY);

    @BeforeEach
    void answerEmptyPages() {
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().build());
    }

    @Test
    void within_sortKeyAttributeWithoutCondition_becomesABeginsWithUpToTheNextPlaceholder() {
        notes.query(ALICE, Query.table().within("notebookId", "nb1").build());

        assertThat(keyCondition()).isEqualTo("PK = 'USER#alice' AND begins_with(SK, 'NOTEBOOK#nb1#NOTE#')");
    }

    @Test
    void within_lastPlaceholderOfTheSortKey_isAnEqualityNeverMatchingIdsThatExtendIt() {
        EntityRepository<Pin> pins = SingleTable.builder().client(client).tableName("app").build()
                .repository(Pin.ENTITY);

        pins.query(ALICE, Query.table().partition("id", "p1").within("notebookId", "nb1").build());

        assertThat(keyCondition()).isEqualTo("PK = 'USER#alice#PIN#p1' AND SK = 'NOTEBOOK#nb1'");
    }

    @Test
    void within_sortKeyAttributeWithACondition_leadsIt() {
        notes.query(ALICE, Query.table().within("notebookId", "nb1")
                .sortKey(SortKeyCondition.compare(SortKeyCondition.Operator.GREATER_THAN, Map.of("id", "n5")))
                .build());

        assertThat(keyCondition()).isEqualTo("PK = 'USER#alice' AND SK > 'NOTEBOOK#nb1#NOTE#n5'");
    }

    @Test
    void within_partitionKeyAttributeOfAnIndex_fillsItsPlaceholder() {
        notes.query(ALICE, Query.index("GSI1").within("notebookId", "nb1")
                .sortKey(SortKeyCondition.beginsWith(Map.of("pinned", false))).build());

        assertThat(keyCondition())
                .isEqualTo("GSI1PK = 'USER#alice#NOTEBOOK#nb1' AND begins_with(GSI1SK, 'PINNED#false#')");
    }

    @Test
    void within_attributeTheKeysDoNotHoldOrGivenTwice_isRefusedWithoutARequest() {
        EntityRepository<Todo> todos = SingleTable.builder().client(client).tableName("app").build()
                .repository(Todo.ENTITY);

        assertThatThrownBy(() -> todos.query(ALICE, Query.table().within("title", "x").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not hold 'title', so they cannot bound a query by it");
        assertThatThrownBy(() -> notes.query(ALICE, Query.table().within("notebookId", "nb1")
                .sortKey(SortKeyCondition.beginsWith(Map.of("notebookId", "nb2"))).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gives 'notebookId', which the query is already bounded by");
        assertThatThrownBy(() -> notes.query(ALICE, Query.table().within("notebookId", "nb#1").build()))
                .isInstanceOf(ValidationException.class);
        assertThat(requestsSent(client)).isEmpty();
    }

    private String keyCondition() {
        assertThat(requestsSent(client)).hasSize(1);
        QueryRequest sent = (QueryRequest) requestsSent(client).get(0);
        return new Placeholders(sent.expressionAttributeNames(), sent.expressionAttributeValues())
                .resolve(sent.keyConditionExpression());
    }
}
