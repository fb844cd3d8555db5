package io.github.dynacrud.table;

import static io.github.dynacrud.table.MockDynamoDb.requestsSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Typed changes: checked as they are added, and written with their operators in one UpdateItem. */
class UpdateOperatorsTest {
    private final DynamoDbClient client = MockDynamoDb.client();
    private final SingleTable table = SingleTable.builder().client(client).tableName("app").build();
    private final EntityRepository<Everything> things = table.repository(Everything.ENTITY);

    @Test
    void patch_everyOperatorWithPlainChanges_sendsOneUpdateWithEachClause() {
        // GIVEN
        returnsThing();
        Changes<Everything> changes = Changes.of(Everything.ENTITY)
                .set("text", "hello")
                .remove("day")
                .increment("count", 2)
                .decrement("big", 3L)
                .increment("amount", new BigDecimal("0.50"))
                .append("tags", List.of("a", "b"))
                .addToSet("labels", Set.of("new"))
                .setIfAbsent("color", Everything.Color.RED);

        // WHEN
        Everything saved = things.patch(Scope.unscoped(), "t1", changes);

        // THEN
        assertThat(saved.id()).isEqualTo("t1");
        UpdateItemRequest request = captured();
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        String update = request.updateExpression();
        assertThat(placeholders.actions(update, "SET")).containsExactlyInAnyOrder(
                "text = 'hello'",
                "count = if_not_exists(count, 0) + 2",
                "big = if_not_exists(big, 0) - 3",
                "amount = if_not_exists(amount, 0) + 0.50",
                "tags = list_append(if_not_exists(tags, []), ['a', 'b'])",
                "color = if_not_exists(color, 'RED')");
        assertThat(placeholders.actions(update, "REMOVE")).containsExactly("day");
        assertThat(placeholders.actions(update, "ADD")).containsExactly("labels <<'new'>>");
        assertThat(placeholders.actions(update, "DELETE")).isEmpty();
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Everything' AND"
                        + " ((attribute_not_exists(count) OR count <= 2147483645)"
                        + " AND (attribute_not_exists(big) OR big >= -9223372036854775805))");
        assertThat(placeholders.unusedIn(update, request.conditionExpression())).isEmpty();
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void patch_removeFromSet_sendsADeleteClause() {
        // GIVEN
        returnsThing();

        // WHEN
        things.patch(Scope.unscoped(), "t1", Changes.of(Everything.ENTITY).removeFromSet("labels", Set.of("old")));

        // THEN
        UpdateItemRequest request = captured();
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(placeholders.actions(request.updateExpression(), "DELETE")).containsExactly("labels <<'old'>>");
        assertThat(placeholders.actions(request.updateExpression(), "SET")).isEmpty();
        assertThat(requestsSent(client)).containsExactly(request);
    }

    @Test
    void patch_typedChangeBreakingAConstraint_throwsValidationBeforeSending() {
        // GIVEN
        EntityRepository<Todo> todos = table.repository(Todo.ENTITY);

        // WHEN
        ValidationException thrown = assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> todos.patch(Scope.owner("u1"), "t1", Changes.of(Todo.ENTITY).set("title", " ")))
                .actual();

        // THEN
        assertThat(thrown.violations())
                .containsExactly(new ValidationException.Violation("title", "must not be blank"));
        verifyNoInteractions(client);
    }

    @Test
    void patch_changesOfAnotherEntity_areRefused() {
        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> things.patch(Scope.unscoped(), Map.of("id", "t1"),
                        cast(Changes.of(Todo.ENTITY).set("done", true)), Precondition.none()))
                .withMessage("changes of Todo cannot patch a Everything");
        verifyNoInteractions(client);
    }

    @Test
    void changes_unknownAttributeWrongTypeOrKey_areRefusedWhereTheyAreWritten() {
        Changes<Everything> changes = Changes.of(Everything.ENTITY);
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> changes.set("colour", "RED"))
                .withMessage("Everything has no component 'colour'");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> changes.set("count", "3"))
                .withMessage("a change of 'count' has a String value; it holds Integers");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> changes.set("id", "t2"))
                .withMessage("a change of 'id' is refused: Everything keeps it itself (a key part, the version or a"
                        + " timestamp)");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> changes.remove("count"))
                .withMessage("a removal of 'count' is refused: Everything.count is a primitive, which cannot be"
                        + " absent");
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void changes_amountOutsideTheRangeOfTheAttribute_isRefused() {
        // GIVEN
        Changes<Everything> changes = Changes.of(Everything.ENTITY);

        // WHEN / THEN
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> changes.increment("count", 2_147_483_648L))
                .withMessage("increment of 'count' by 2147483648 is refused: it holds numbers from -2147483648 to"
                        + " 2147483647");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> changes.decrement("count", Integer.MIN_VALUE))
                .withMessage("decrement of 'count' by -2147483648 is refused: it holds numbers from -2147483648 to"
                        + " 2147483647");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> changes.increment("big", new BigInteger("9223372036854775808")))
                .withMessage("increment of 'big' by 9223372036854775808 is refused: it holds numbers from"
                        + " -9223372036854775808 to 9223372036854775807");
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void patch_negativeIncrementAndZeroAmount_boundTheOtherEndOrNothing() {
        // GIVEN
        returnsThing();

        // WHEN
        things.patch(Scope.unscoped(), "t1", Changes.of(Everything.ENTITY).increment("count", -5)
                .decrement("big", 0L).decrement("boxedCount", -7));

        // THEN
        UpdateItemRequest request = captured();
        Placeholders placeholders = new Placeholders(request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(placeholders.resolve(request.conditionExpression()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Everything' AND"
                        + " ((attribute_not_exists(count) OR count >= -2147483643)"
                        + " AND (attribute_not_exists(boxedCount) OR boxedCount <= 2147483640))");
        assertThat(placeholders.unusedIn(request.updateExpression(), request.conditionExpression())).isEmpty();
    }

    @Test
    void changes_secondChangeOfOneAttribute_isRefused() {
        Changes<Everything> changes = Changes.of(Everything.ENTITY).increment("count", 1);
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> changes.set("count", 2))
                .withMessage("a change of 'count' is refused: it is already changed by these changes, and one update"
                        + " changes an attribute once");
    }

    @Test
    void changes_operatorsOnTheWrongKindOfAttribute_areRefused() {
        Changes<Everything> changes = Changes.of(Everything.ENTITY);
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> changes.increment("text", 1))
                .withMessage("increment of 'text' needs a number attribute; it is a String");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> changes.increment("count", 0.5))
                .withMessage("increment of 'count' by 0.5 is refused: it holds whole numbers");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> changes.append("labels", List.of("x")))
                .withMessage("append to 'labels' needs a List attribute; it is a Set");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> changes.addToSet("tags", List.of("x")))
                .withMessage("addToSet on 'tags' needs a Set attribute; it is a List");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> changes.addToSet("labels", List.of(1)))
                .withMessage("addToSet on 'labels' has a Integer value; it holds Strings");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> changes.append("tags", List.of()))
                .withMessage("append to 'tags' needs at least one element");
    }

    @Test
    void changes_operatorsWhoseResultOnlyDynamoDbKnows_areRefusedOnKeyAndConstrainedAttributes() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Changes.of(Todo.ENTITY).setIfAbsent("done", true))
                .withMessage("setIfAbsent on 'done' is refused: its new value is only known after the write, and"
                        + " index GSI1's keys are built from it; set it instead");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Changes.of(Todo.ENTITY).setIfAbsent("title", "x"))
                .withMessage("setIfAbsent on 'title' is refused: its new value is only known after the write, and"
                        + " the value could break a validation constraint of Todo; set it with an expected version"
                        + " instead");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Changes.of(User.ENTITY).setIfAbsent("name", "x"))
                .withMessageContaining("could break a validation constraint of User");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Changes<Everything> cast(Changes<?> changes) {
        return (Changes) changes;
    }

    private void returnsThing() {
        when(client.updateItem(any(UpdateItemRequest.class))).thenReturn(UpdateItemResponse.builder()
                .attributes(Map.of("PK", AttributeValue.fromS("THING#t1"), "SK", AttributeValue.fromS("THING"),
                        "_type", AttributeValue.fromS("Everything"), "id", AttributeValue.fromS("t1")))
                .build());
    }

    private UpdateItemRequest captured() {
        ArgumentCaptor<UpdateItemRequest> update = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client).updateItem(update.capture());
        return update.getValue();
    }
}
