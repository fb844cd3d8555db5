package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.dynacrud.fixtures.Todo;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Projected reads: one request naming the attributes and the entity type, answered as partial items. */
class ProjectionTest {
    private static final Scope ALICE = Scope.owner("u1");
    private static final Projection<Todo> TITLE_AND_DONE = Projection.of(Todo.ENTITY, "title", "done", "createdAt");

    private final DynamoDbClient client = MockDynamoDb.client();
    private final EntityRepository<Todo> todos = SingleTable.builder().client(client).tableName("app").build()
            .repository(Todo.ENTITY);

    @Test
    void get_projection_sendsOneConsistentGetOfTheAttributesAndTypeAndReadsThemTyped() {
        // GIVEN
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(Map.of(
                "_type", AttributeValue.fromS("Todo"), "title", AttributeValue.fromS("Ship it"),
                "done", AttributeValue.fromBool(true))).build());

        // WHEN
        PartialItem<Todo> item = todos.get(ALICE, "t1", TITLE_AND_DONE).orElseThrow();

        // THEN
        assertThat(item.get("title", String.class)).contains("Ship it");
        assertThat(item.get("done", Boolean.class)).contains(true);
        assertThat(item.get("createdAt", Instant.class)).isEmpty();
        assertThat(item.attributes()).containsExactly("title", "done", "createdAt");
        ArgumentCaptor<GetItemRequest> captor = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(client).getItem(captor.capture());
        GetItemRequest request = captor.getValue();
        assertThat(new Placeholders(request.expressionAttributeNames(), Map.of())
                .resolve(request.projectionExpression())).isEqualTo("_type, title, done, createdAt");
        assertThat(request.key()).isEqualTo(StoredItems.todoKey("u1", "t1"));
        assertThat(request.consistentRead()).isTrue();
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void get_projectionOfAnItemOfAnotherType_isEmpty() {
        // GIVEN
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(Map.of(
                "_type", AttributeValue.fromS("Note"), "title", AttributeValue.fromS("x"))).build());

        // WHEN
        Optional<PartialItem<Todo>> item = todos.get(ALICE, "t1", TITLE_AND_DONE);

        // THEN
        assertThat(item).isEmpty();
    }

    @Test
    void query_projection_sendsTheProjectionWithTheKeyConditionAndSkipsOtherTypes() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(
                Map.of("_type", AttributeValue.fromS("Todo"), "title", AttributeValue.fromS("a")),
                Map.of("_type", AttributeValue.fromS("Note"), "title", AttributeValue.fromS("b"))).build());

        // WHEN
        Page<PartialItem<Todo>> page = todos.query(ALICE, Query.table().build(), TITLE_AND_DONE);

        // THEN
        assertThat(page.items()).hasSize(1);
        assertThat(page.items().get(0).get("title", String.class)).contains("a");
        ArgumentCaptor<QueryRequest> captor = ArgumentCaptor.forClass(QueryRequest.class);
        verify(client).query(captor.capture());
        QueryRequest request = captor.getValue();
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(placeholders.resolve(request.projectionExpression())).isEqualTo("_type, title, done, createdAt");
        assertThat(placeholders.unusedIn(request.keyConditionExpression(), request.filterExpression(),
                request.projectionExpression())).isEmpty();
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void partialItem_attributeNotReadOrOfAnotherType_isRefused() {
        // GIVEN
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(Map.of(
                "_type", AttributeValue.fromS("Todo"), "title", AttributeValue.fromS("Ship it"))).build());
        PartialItem<Todo> item = todos.get(ALICE, "t1", TITLE_AND_DONE).orElseThrow();

        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> item.get("dueDate", Object.class))
                .withMessage("'dueDate' was not read: the projection of Todo holds [title, done, createdAt]");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> item.get("title", Integer.class))
                .withMessage("'title' of Todo holds Strings, not Integers");
        assertThat(item).hasToString("PartialItem[Todo [title, done, createdAt]]");
    }

    @Test
    void projection_unknownOrNoAttribute_isRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Projection.of(Todo.ENTITY, "title", "priority"))
                .withMessage("Todo has no component 'priority'");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Projection.of(Todo.ENTITY))
                .withMessage("a projection of Todo needs at least one attribute");
    }
}
