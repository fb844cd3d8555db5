package io.github.dynacrud.table;

import io.github.dynacrud.internal.AttributeTypes;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.internal.Expressions;
import io.github.dynacrud.internal.RecordModel;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a {@link Condition} is rendered: one entity's mapping, against which names and values are checked, and the
 * placeholders of the request it joins, so it shares them with the library's own conditions without a clash.
 */
final class ConditionContext {
    private final EntityMapping<?> mapping;
    private final Expressions expressions;

    ConditionContext(EntityMapping<?> mapping, Expressions expressions) {
        this.mapping = mapping;
        this.expressions = expressions;
    }

    /** The component an attribute names; an unknown name is refused. */
    RecordModel.Component component(String attribute) {
        return mapping.model().component(attribute);
    }

    /** The placeholder of a record attribute's name. */
    String name(String attribute) {
        component(attribute);
        return expressions.name(attribute);
    }

    /** The placeholder of a whole value of an attribute, converted as the item mapping stores it. */
    String value(String attribute, Object value, String use) {
        return expressions.value(stored(attribute, value, use));
    }

    /** The stored form of a whole value of an attribute. */
    AttributeValue stored(String attribute, Object value, String use) {
        AttributeTypes.check(component(attribute), value, use);
        AttributeValue stored = mapping.attributeValue(attribute, value);
        if (stored == null) {
            throw new IllegalArgumentException(use + " '" + attribute + "' has an empty value, which DynamoDB does not"
                    + " store; use notExists()");
        }
        return stored;
    }

    /** The placeholder of one element of a list or set attribute. */
    String element(String attribute, Object element, String use) {
        RecordModel.Component component = component(attribute);
        AttributeTypes.checkElements(component, List.of(element), use);
        return expressions.value(AttributeTypes.element(mapping, component, element));
    }

    /** The placeholder of a plain number. */
    String number(long number) {
        return expressions.value(AttributeValue.fromN(Long.toString(number)));
    }
}
