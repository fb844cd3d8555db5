package io.github.dynacrud.table;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A condition on an item's attributes, used as the condition of a write or as a query's filter. It is checked against
 * the entity's record when it is used: an unknown attribute or a value of the wrong type is refused before anything is
 * sent. Attribute names and values always travel as placeholders, and values are stored as the item mapping stores
 * them, so an {@code Instant} or an enum compares as it is stored.
 *
 * <pre>{@code
 * Condition draft = Condition.attribute("status").eq(Status.DRAFT)
 *         .and(Condition.attribute("tags").size().lt(10))
 *         .and(Condition.not(Condition.attribute("archivedAt").exists()));
 * }</pre>
 */
public final class Condition {
    private final Function<ConditionContext, String> renderer;

    private Condition(Function<ConditionContext, String> renderer) {
        this.renderer = renderer;
    }

    /**
     * Starts a condition on one attribute of the record.
     *
     * @param name the record component's name
     * @return the operand, whose methods make conditions
     */
    public static Attribute attribute(String name) {
        return new Attribute(Objects.requireNonNull(name, "attribute name"));
    }

    /**
     * Negates a condition.
     *
     * @param condition the condition
     * @return a condition true exactly when the given one is false
     */
    public static Condition not(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        return new Condition(context -> "(NOT " + condition.render(context) + ")");
    }

    /**
     * Combines this condition with another that must hold too.
     *
     * @param other the other condition
     * @return a condition true when both are
     */
    public Condition and(Condition other) {
        return combine("AND", other);
    }

    /**
     * Combines this condition with another that may hold instead.
     *
     * @param other the other condition
     * @return a condition true when either is
     */
    public Condition or(Condition other) {
        return combine("OR", other);
    }

    private Condition combine(String operator, Condition other) {
        Objects.requireNonNull(other, "condition");
        return new Condition(context -> "(" + render(context) + " " + operator + " " + other.render(context) + ")");
    }

    /** Renders the expression, adding its placeholders to the request's; refuses what the record cannot hold. */
    String render(ConditionContext context) {
        return renderer.apply(context);
    }

    /** One attribute of the record, the left side of a comparison. */
    public static final class Attribute {
        private final String name;

        private Attribute(String name) {
            this.name = name;
        }

        /** @return a condition true when the item has this attribute */
        public Condition exists() {
            return new Condition(context -> "attribute_exists(" + context.name(name) + ")");
        }

        /** @return a condition true when the item lacks this attribute (stored as null, or an empty set) */
        public Condition notExists() {
            return new Condition(context -> "attribute_not_exists(" + context.name(name) + ")");
        }

        /**
         * Compares for equality.
         *
         * @param value a value of the attribute's type
         * @return the condition
         */
        public Condition eq(Object value) {
            return compare("=", value, false);
        }

        /**
         * Compares for inequality; also true when the attribute is absent.
         *
         * @param value a value of the attribute's type
         * @return the condition
         */
        public Condition ne(Object value) {
            return compare("<>", value, false);
        }

        /**
         * Orders below a value (strings and binary by bytes, numbers by value). An {@code Instant} stored as a string
         * is refused, for its stored forms do not sort as time; a time-to-live instant, stored as a number, orders.
         *
         * @param value a value of the attribute's type
         * @return the condition
         */
        public Condition lt(Object value) {
            return compare("<", value, true);
        }

        /**
         * Orders below or at a value.
         *
         * @param value a value of the attribute's type
         * @return the condition
         */
        public Condition le(Object value) {
            return compare("<=", value, true);
        }

        /**
         * Orders above a value.
         *
         * @param value a value of the attribute's type
         * @return the condition
         */
        public Condition gt(Object value) {
            return compare(">", value, true);
        }

        /**
         * Orders above or at a value.
         *
         * @param value a value of the attribute's type
         * @return the condition
         */
        public Condition ge(Object value) {
            return compare(">=", value, true);
        }

        /**
         * Orders between two values, both included.
         *
         * @param low  the lower bound, of the attribute's type
         * @param high the upper bound, of the attribute's type
         * @return the condition
         */
        public Condition between(Object low, Object high) {
            requireValue(low);
            requireValue(high);
            return new Condition(context -> context.name(name) + " BETWEEN " + ordered(context, low) + " AND "
                    + ordered(context, high));
        }

        /**
         * Tests a string attribute's prefix.
         *
         * @param prefix the prefix
         * @return the condition
         */
        public Condition beginsWith(String prefix) {
            requireValue(prefix);
            return new Condition(context -> {
                requireString(context, "beginsWith on");
                return "begins_with(" + context.name(name) + ", " + context.value(name, prefix, "beginsWith on")
                        + ")";
            });
        }

        /**
         * Tests that a string attribute contains a substring, or that a list or set attribute contains an element.
         *
         * @param value a substring, or an element of the list's or set's element type
         * @return the condition
         */
        public Condition contains(Object value) {
            requireValue(value);
            return new Condition(context -> {
                Class<?> type = context.component(name).rawType();
                String operand = type == String.class ? context.value(name, value, "contains on")
                        : context.element(name, value, "contains on");
                return "contains(" + context.name(name) + ", " + operand + ")";
            });
        }

        /**
         * Compares the size of the attribute: a string's length, a binary value's bytes, a list's, set's or map's
         * elements.
         *
         * @return the operand of the comparisons
         */
        public Size size() {
            return new Size(name);
        }

        private Condition compare(String operator, Object value, boolean ordered) {
            requireValue(value);
            return new Condition(context -> context.name(name) + " " + operator + " "
                    + (ordered ? ordered(context, value) : context.value(name, value, "a comparison of")));
        }

        private String ordered(ConditionContext context, Object value) {
            AttributeValue stored = context.stored(name, value, "an ordering of");
            if (stored.s() == null && stored.n() == null && stored.b() == null) {
                throw new IllegalArgumentException("an ordering of '" + name + "' is refused: it is stored as "
                        + stored.type() + ", which has no order; compare with eq or ne");
            }
            // Instant.toString gives 0, 3, 6 or 9 fraction digits, so stored strings of one second misorder.
            if (stored.s() != null && context.component(name).rawType() == Instant.class) {
                throw new IllegalArgumentException("an ordering of '" + name + "' is refused: an Instant is stored as"
                        + " an ISO-8601 string whose fraction varies in width (2026-01-01T00:00:00Z sorts after"
                        + " 2026-01-01T00:00:00.500Z); compare with eq or ne, or order by a sort key, where instants"
                        + " have a fixed width");
            }
            return context.value(name, value, "an ordering of");
        }

        private void requireString(ConditionContext context, String use) {
            if (context.component(name).rawType() != String.class) {
                throw new IllegalArgumentException(use + " '" + name + "' needs a String attribute; it is a "
                        + context.component(name).rawType().getSimpleName());
            }
        }

        private void requireValue(Object value) {
            if (value == null) {
                throw new IllegalArgumentException("a condition on '" + name + "' compares with null; use notExists()");
            }
        }
    }

    /** The size of one attribute, the left side of a comparison with a number. */
    public static final class Size {
        private final String name;

        private Size(String name) {
            this.name = name;
        }

        /**
         * @param size a size
         * @return a condition true when the size equals it
         */
        public Condition eq(long size) {
            return compare("=", size);
        }

        /**
         * @param size a size
         * @return a condition true when the size differs from it
         */
        public Condition ne(long size) {
            return compare("<>", size);
        }

        /**
         * @param size a size
         * @return a condition true when the size is below it
         */
        public Condition lt(long size) {
            return compare("<", size);
        }

        /**
         * @param size a size
         * @return a condition true when the size is at most it
         */
        public Condition le(long size) {
            return compare("<=", size);
        }

        /**
         * @param size a size
         * @return a condition true when the size is above it
         */
        public Condition gt(long size) {
            return compare(">", size);
        }

        /**
         * @param size a size
         * @return a condition true when the size is at least it
         */
        public Condition ge(long size) {
            return compare(">=", size);
        }

        /**
         * @param low  the smallest size
         * @param high the largest size
         * @return a condition true when the size lies between both, included
         */
        public Condition between(long low, long high) {
            return new Condition(context -> size(context) + " BETWEEN " + context.number(low) + " AND "
                    + context.number(high));
        }

        private Condition compare(String operator, long size) {
            return new Condition(context -> size(context) + " " + operator + " " + context.number(size));
        }

        private String size(ConditionContext context) {
            Class<?> type = context.component(name).rawType();
            if (!CharSequence.class.isAssignableFrom(type) && !Collection.class.isAssignableFrom(type)
                    && !Map.class.isAssignableFrom(type) && type != byte[].class && type != SdkBytes.class) {
                throw new IllegalArgumentException("size() of '" + name + "' needs a string, binary, list, set or map"
                        + " attribute; it is a " + type.getSimpleName());
            }
            return "size(" + context.name(name) + ")";
        }
    }
}
