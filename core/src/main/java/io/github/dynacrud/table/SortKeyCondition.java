package io.github.dynacrud.table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A condition on a sort key, given as attribute values that are rendered through the key's template. Values fill the
 * template's placeholders from the left; a partial key ends with the separator, so
 * {@code beginsWith(Map.of("done", true))} on {@code DONE#{done}#{id}} matches {@code DONE#true#...} only.
 *
 * <pre>{@code
 * Query.index("GSI1").sortKey(SortKeyCondition.beginsWith(Map.of("done", true))).build();
 * }</pre>
 *
 * @param operator the comparison
 * @param values   the values of the leading placeholders
 * @param upper    for {@link Operator#BETWEEN}, the values of the upper bound; otherwise empty
 */
public record SortKeyCondition(Operator operator, Map<String, Object> values, Map<String, Object> upper) {
    /** The comparisons DynamoDB offers on a sort key. */
    public enum Operator {
        /** {@code =}; needs a value for every placeholder. */
        EQUAL,
        /** {@code begins_with}. */
        BEGINS_WITH,
        /** {@code BETWEEN}, both ends included. */
        BETWEEN,
        /** {@code <}. */
        LESS_THAN,
        /** {@code <=}. */
        LESS_THAN_OR_EQUAL,
        /** {@code >}. */
        GREATER_THAN,
        /** {@code >=}. */
        GREATER_THAN_OR_EQUAL
    }

    /** Copies the maps, keeping their order, and checks the parts. */
    public SortKeyCondition {
        Objects.requireNonNull(operator, "operator");
        values = copy(values);
        upper = copy(upper);
        if ((operator == Operator.BETWEEN) == upper.isEmpty()) {
            throw new IllegalArgumentException("an upper bound is given with BETWEEN, and only then");
        }
    }

    /**
     * The sort key equals the key rendered from these values.
     *
     * @param values a value for every placeholder of the sort key template
     * @return the condition
     */
    public static SortKeyCondition equalTo(Map<String, ?> values) {
        return new SortKeyCondition(Operator.EQUAL, copy(values), Map.of());
    }

    /**
     * The sort key starts with the prefix rendered from these values.
     *
     * @param values values of the leading placeholders; empty for the template's literal prefix
     * @return the condition
     */
    public static SortKeyCondition beginsWith(Map<String, ?> values) {
        return new SortKeyCondition(Operator.BEGINS_WITH, copy(values), Map.of());
    }

    /**
     * The sort key lies between two rendered keys, both included.
     *
     * @param low  values of the lower bound
     * @param high values of the upper bound
     * @return the condition
     */
    public static SortKeyCondition between(Map<String, ?> low, Map<String, ?> high) {
        return new SortKeyCondition(Operator.BETWEEN, copy(low), copy(high));
    }

    /**
     * Compares the sort key with a rendered key.
     *
     * @param operator one of the four inequalities
     * @param values   values of the leading placeholders
     * @return the condition
     */
    public static SortKeyCondition compare(Operator operator, Map<String, ?> values) {
        if (operator == Operator.EQUAL || operator == Operator.BEGINS_WITH || operator == Operator.BETWEEN) {
            throw new IllegalArgumentException("use equalTo, beginsWith or between for " + operator);
        }
        return new SortKeyCondition(operator, copy(values), Map.of());
    }

    private static Map<String, Object> copy(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
