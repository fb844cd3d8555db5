package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.dynacrud.fixtures.Todo;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** A query's filter: rendered after the entity-type filter, with the request's placeholders. */
class QueryFilterTest {
    private final DynamoDbClient client = MockDynamoDb.client();
    private final EntityRepository<Todo> todos = SingleTable.builder().client(client).tableName("app").build()
            .repository(Todo.ENTITY);

    @Test
    void query_withFilter_sendsOneQueryWhoseFilterJoinsTheTypeFilter() {
        // GIVEN
        when(client.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().build());
        Condition filter = Condition.attribute("done").eq(false)
                .and(Condition.attribute("dueDate").between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)))
                .and(Condition.attribute("title").contains("urgent"));

        // WHEN
        Page<Todo> page = todos.query(Scope.owner("u1"), Query.table().filter(filter).build());

        // THEN
        assertThat(page.items()).isEmpty();
        ArgumentCaptor<QueryRequest> captor = ArgumentCaptor.forClass(QueryRequest.class);
        verify(client).query(captor.capture());
        QueryRequest request = captor.getValue();
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(placeholders.resolve(request.keyConditionExpression()))
                .isEqualTo("PK = 'USER#u1' AND begins_with(SK, 'TODO#')");
        assertThat(placeholders.resolve(request.filterExpression())).isEqualTo("_type = 'Todo' AND ((done = false"
                + " AND dueDate BETWEEN '2026-01-01' AND '2026-01-31') AND contains(title, 'urgent'))");
        assertThat(placeholders.unusedIn(request.keyConditionExpression(), request.filterExpression())).isEmpty();
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void query_filterWithAnUnknownAttribute_isRefusedBeforeSending() {
        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> todos.query(Scope.owner("u1"),
                        Query.table().filter(Condition.attribute("priority").gt(1)).build()))
                .withMessage("Todo has no component 'priority'");
        verifyNoInteractions(client);
    }
}
