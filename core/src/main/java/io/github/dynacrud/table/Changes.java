package io.github.dynacrud.table;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.Index;
import io.github.dynacrud.internal.AttributeTypes;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.internal.Expressions;
import io.github.dynacrud.internal.RecordModel;
import io.github.dynacrud.internal.Validation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The changes of one patch, checked against the entity's record as they are added: an unknown attribute, a key or
 * managed attribute, a value of the wrong type or a second change of one attribute is an
 * {@link IllegalArgumentException} here, not a failure at run time. Besides new values, it holds update operators
 * that DynamoDB applies to the stored value, all written in one {@code UpdateItem}.
 *
 * <p>An operator's result is only known after the write, so operators are refused on attributes that index keys or
 * unique guards are built from, and on attributes that carry validation constraints (or on records with class-level
 * constraints): the library never writes an item it could not validate. Set such attributes with {@link #set} and an
 * expected version instead.
 *
 * <pre>{@code
 * Changes<Post> changes = Changes.of(Post.ENTITY)
 *         .set("title", "Hello")
 *         .increment("views", 1)
 *         .addToSet("labels", Set.of("news"))
 *         .remove("subtitle");
 * Post saved = posts.patch(scope, id, changes);
 * }</pre>
 *
 * @param <T> the record type
 */
public final class Changes<T extends Record> {
    private final Entity<T> entity;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Operator> operators = new LinkedHashMap<>();
    private final List<Condition> bounds = new ArrayList<>();

    private static final Map<Class<?>, Range> RANGES = Map.of(
            Integer.class, Range.of(Integer.MIN_VALUE, Integer.MAX_VALUE),
            Long.class, Range.of(Long.MIN_VALUE, Long.MAX_VALUE),
            Short.class, Range.of(Short.MIN_VALUE, Short.MAX_VALUE),
            Byte.class, Range.of(Byte.MIN_VALUE, Byte.MAX_VALUE));

    private enum Kind { INCREMENT, DECREMENT, APPEND, ADD_TO_SET, REMOVE_FROM_SET, SET_IF_ABSENT }

    private record Operator(Kind kind, Object operand) {
    }

    private Changes(Entity<T> entity) {
        this.entity = entity;
    }

    /**
     * Starts the changes of one entity type.
     *
     * @param entity the entity
     * @param <T>    the record type
     * @return empty changes
     */
    public static <T extends Record> Changes<T> of(Entity<T> entity) {
        return new Changes<>(Objects.requireNonNull(entity, "entity"));
    }

    /**
     * Sets an attribute to a new value; {@code null} removes it.
     *
     * @param attribute the attribute
     * @param value     a value of its type, or {@code null}
     * @return these changes
     */
    public Changes<T> set(String attribute, Object value) {
        RecordModel.Component component = changeable(attribute, "a change of");
        if (value == null) {
            return remove(attribute);
        }
        AttributeTypes.check(component, value, "a change of");
        values.put(attribute, value);
        return this;
    }

    /**
     * Removes an attribute; it reads back as {@code null} or an empty collection.
     *
     * @param attribute an attribute that is not primitive
     * @return these changes
     */
    public Changes<T> remove(String attribute) {
        if (changeable(attribute, "a removal of").rawType().isPrimitive()) {
            throw new IllegalArgumentException("a removal of '" + attribute + "' is refused: " + entity.type()
                    + "." + attribute + " is a primitive, which cannot be absent");
        }
        values.put(attribute, null);
        return this;
    }

    /**
     * Adds to a number attribute; an absent attribute counts as 0.
     *
     * @param attribute a number attribute
     * @param amount    the amount; a whole number for an integral attribute
     * @return these changes
     */
    public Changes<T> increment(String attribute, Number amount) {
        return arithmetic(attribute, Kind.INCREMENT, amount);
    }

    /**
     * Subtracts from a number attribute; an absent attribute counts as 0.
     *
     * @param attribute a number attribute
     * @param amount    the amount; a whole number for an integral attribute
     * @return these changes
     */
    public Changes<T> decrement(String attribute, Number amount) {
        return arithmetic(attribute, Kind.DECREMENT, amount);
    }

    /**
     * Appends elements to the end of a list attribute; an absent list counts as empty.
     *
     * @param attribute a {@code List} attribute
     * @param elements  the elements, of the list's element type
     * @return these changes
     */
    public Changes<T> append(String attribute, List<?> elements) {
        AttributeTypes.checkElements(collection(attribute, List.class, "append to"), elements, "append to");
        return operator(attribute, Kind.APPEND, List.copyOf(elements));
    }

    /**
     * Adds elements to a set attribute (DynamoDB's {@code ADD}); elements already present stay once.
     *
     * @param attribute a {@code Set} attribute stored as a DynamoDB set
     * @param elements  the elements, of the set's element type
     * @return these changes
     */
    public Changes<T> addToSet(String attribute, Collection<?> elements) {
        AttributeTypes.checkElements(collection(attribute, Set.class, "addToSet on"), elements, "addToSet on");
        return operator(attribute, Kind.ADD_TO_SET, Set.copyOf(elements));
    }

    /**
     * Removes elements from a set attribute (DynamoDB's {@code DELETE}); a set left empty is removed.
     *
     * @param attribute a {@code Set} attribute stored as a DynamoDB set
     * @param elements  the elements, of the set's element type
     * @return these changes
     */
    public Changes<T> removeFromSet(String attribute, Collection<?> elements) {
        String use = "removeFromSet on";
        AttributeTypes.checkElements(collection(attribute, Set.class, use), elements, use);
        return operator(attribute, Kind.REMOVE_FROM_SET, Set.copyOf(elements));
    }

    /**
     * Sets an attribute only when the stored item lacks it.
     *
     * @param attribute the attribute
     * @param value     a value of its type
     * @return these changes
     */
    public Changes<T> setIfAbsent(String attribute, Object value) {
        AttributeTypes.check(operand(attribute, "setIfAbsent on"), value, "setIfAbsent on");
        return operator(attribute, Kind.SET_IF_ABSENT, value);
    }

    /** @return the entity these changes are for */
    public Entity<T> entity() {
        return entity;
    }

    /** @return whether no change was added */
    public boolean isEmpty() {
        return values.isEmpty() && operators.isEmpty();
    }

    /** New values by attribute; {@code null} removes. */
    Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** @return whether some change is an operator, whose result only DynamoDB knows */
    boolean hasOperators() {
        return !operators.isEmpty();
    }

    /** Adds the operators' actions to an update; the stored forms come from the entity's mapping. */
    void renderOperators(Expressions update, EntityMapping<T> mapping) {
        operators.forEach((attribute, operator) -> {
            String name = update.name(attribute);
            Object operand = operator.operand();
            switch (operator.kind()) {
                case INCREMENT, DECREMENT -> update.setAction(name + " = if_not_exists(" + name + ", "
                        + update.value(AttributeValue.fromN("0")) + ") "
                        + (operator.kind() == Kind.INCREMENT ? "+" : "-") + " "
                        + update.value(AttributeValue.fromN((String) operand)));
                case APPEND -> update.setAction(name + " = list_append(if_not_exists(" + name + ", "
                        + update.value(AttributeValue.fromL(List.of())) + "), "
                        + update.value(mapping.attributeValue(attribute, operand)) + ")");
                case SET_IF_ABSENT -> update.setAction(name + " = if_not_exists(" + name + ", "
                        + update.value(mapping.attributeValue(attribute, operand)) + ")");
                case ADD_TO_SET -> update.add(attribute, storedSet(mapping, attribute, operand));
                case REMOVE_FROM_SET -> update.delete(attribute, storedSet(mapping, attribute, operand));
            }
        });
    }

    private static AttributeValue storedSet(EntityMapping<?> mapping, String attribute, Object elements) {
        AttributeValue stored = mapping.attributeValue(attribute, elements);
        if (!stored.hasSs() && !stored.hasNs() && !stored.hasBs()) {
            throw new IllegalArgumentException("a set operator on '" + attribute + "' is refused: its elements are"
                    + " stored as a list, not a DynamoDB string, number or binary set");
        }
        return stored;
    }

    private Changes<T> arithmetic(String attribute, Kind kind, Number amount) {
        RecordModel.Component component = operand(attribute, kind.name().toLowerCase() + " of");
        if (!AttributeTypes.isNumber(component)) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " of '" + attribute + "' needs a number"
                    + " attribute; it is a " + component.rawType().getSimpleName());
        }
        BigDecimal decimal = decimal(attribute, amount);
        Class<?> type = AttributeTypes.boxed(component.rawType());
        if (type != BigDecimal.class && type != Double.class && type != Float.class
                && decimal.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " of '" + attribute + "' by " + amount
                    + " is refused: it holds whole numbers");
        }
        BigDecimal fromZero = kind == Kind.INCREMENT ? decimal : decimal.negate();
        Range range = RANGES.get(type);
        if (range != null && (fromZero.compareTo(range.min()) < 0 || fromZero.compareTo(range.max()) > 0)) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " of '" + attribute + "' by "
                    + decimal.toPlainString() + " is refused: it holds numbers from " + range.min() + " to "
                    + range.max());
        }
        if (range != null && fromZero.signum() != 0) {
            bounds.add(range.bound(attribute, fromZero, type));
        }
        return operator(attribute, kind, decimal.toPlainString());
    }

    /**
     * Adds to a precondition the bounds of the integral attributes these changes add to or subtract from, so a
     * result outside the attribute's type fails the write's condition instead of storing a number no read can take.
     */
    Precondition bounded(Precondition precondition) {
        Precondition bounded = precondition;
        for (Condition bound : bounds) {
            bounded = bounded.and(bound);
        }
        return bounded;
    }

    /** The values of an integral type, which a stored number must stay within to be read back. */
    private record Range(BigDecimal min, BigDecimal max) {
        static Range of(long min, long max) {
            return new Range(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        }

        /** The attribute is absent (it counts as 0) or far enough from the end that the change moves it towards. */
        Condition bound(String attribute, BigDecimal change, Class<?> type) {
            Condition.Attribute stored = Condition.attribute(attribute);
            Condition within = change.signum() > 0 ? stored.le(typed(max.subtract(change), type))
                    : stored.ge(typed(min.subtract(change), type));
            return stored.notExists().or(within);
        }

        private static Number typed(BigDecimal limit, Class<?> type) {
            return type == Long.class ? (Number) limit.longValueExact() : type == Integer.class
                    ? (Number) limit.intValueExact() : type == Short.class ? (Number) limit.shortValueExact()
                    : (Number) limit.byteValueExact();
        }
    }

    private static BigDecimal decimal(String attribute, Number amount) {
        if (amount instanceof BigDecimal decimal) {
            return decimal;
        } else if (amount instanceof BigInteger integer) {
            return new BigDecimal(integer);
        } else if (amount instanceof Double || amount instanceof Float) {
            double value = amount.doubleValue();
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("an amount for '" + attribute + "' is not finite");
            }
            return BigDecimal.valueOf(value);
        } else if (amount == null) {
            throw new IllegalArgumentException("an amount for '" + attribute + "' is null");
        }
        return BigDecimal.valueOf(amount.longValue());
    }

    private RecordModel.Component collection(String attribute, Class<?> type, String use) {
        RecordModel.Component component = operand(attribute, use);
        if (component.rawType() != type) {
            throw new IllegalArgumentException(use + " '" + attribute + "' needs a " + type.getSimpleName()
                    + " attribute; it is a "
                    + component.rawType().getSimpleName());
        }
        return component;
    }

    private Changes<T> operator(String attribute, Kind kind, Object operand) {
        operators.put(attribute, new Operator(kind, operand));
        return this;
    }

    /** A changeable attribute whose new value the library may leave to DynamoDB. */
    private RecordModel.Component operand(String attribute, String use) {
        RecordModel.Component component = changeable(attribute, use);
        String refused = use + " '" + attribute + "' is refused: its new value is only known after the write, and ";
        for (Index index : entity.indexes()) {
            if (index.partitionKey().attributes().contains(attribute)
                    || index.sortKey().attributes().contains(attribute)) {
                throw new IllegalArgumentException(refused + "index " + index.name() + "'s keys are built from it;"
                        + " set it instead");
            }
        }
        if (entity.uniqueAttributes().contains(attribute)) {
            throw new IllegalArgumentException(refused + "it is unique, so its guard needs the value; set it instead");
        }
        if (Validation.isConstrained(entity.recordType(), attribute)) {
            throw new IllegalArgumentException(refused + "the value could break a validation constraint of "
                    + entity.type() + "; set it with an expected version instead");
        }
        return component;
    }

    private RecordModel.Component changeable(String attribute, String use) {
        RecordModel.Component component = AttributeTypes.component(entity.recordType(), attribute);
        if (entity.keyAttributes().contains(attribute)
                || entity.versionAttribute().filter(attribute::equals).isPresent()
                || entity.createdAtAttribute().filter(attribute::equals).isPresent()
                || entity.updatedAtAttribute().filter(attribute::equals).isPresent()) {
            throw new IllegalArgumentException(use + " '" + attribute + "' is refused: " + entity.type()
                    + " keeps it itself (a key part, the version or a timestamp)");
        }
        if (values.containsKey(attribute) || operators.containsKey(attribute)) {
            throw new IllegalArgumentException(use + " '" + attribute + "' is refused: it is already changed by"
                    + " these changes, and one update changes an attribute once");
        }
        return component;
    }
}
