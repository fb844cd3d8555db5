package io.github.dynacrud.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * Adds JSON Schema keywords to a schema so that several constraints on one value combine as all of them hold: bounds
 * keep the tightest, patterns beyond the first go into {@code allOf}, descriptions join.
 */
public final class SchemaKeywords {
    private SchemaKeywords() {
    }

    /**
     * Sets a lower bound, unless the schema has a higher one.
     *
     * @param schema  the schema
     * @param keyword such as {@code minLength} or {@code exclusiveMinimum}
     * @param value   the bound
     */
    public static void atLeast(ObjectNode schema, String keyword, BigDecimal value) {
        JsonNode present = schema.get(keyword);
        if (present == null || present.decimalValue().compareTo(value) < 0) {
            schema.set(keyword, number(value));
        }
    }

    /**
     * Sets an upper bound, unless the schema has a lower one.
     *
     * @param schema  the schema
     * @param keyword such as {@code maxItems} or {@code maximum}
     * @param value   the bound
     */
    public static void atMost(ObjectNode schema, String keyword, BigDecimal value) {
        JsonNode present = schema.get(keyword);
        if (present == null || present.decimalValue().compareTo(value) > 0) {
            schema.set(keyword, number(value));
        }
    }

    /**
     * Requires a value to match a pattern, besides any pattern the schema has.
     *
     * @param schema  the schema
     * @param pattern an ECMA 262 regular expression
     */
    public static void pattern(ObjectNode schema, String pattern) {
        if (!schema.has("pattern")) {
            schema.put("pattern", pattern);
        } else if (!schema.get("pattern").asText().equals(pattern)) {
            ArrayNode all = schema.has("allOf") ? (ArrayNode) schema.get("allOf") : schema.putArray("allOf");
            ObjectNode more = JsonNodeFactory.instance.objectNode().put("pattern", pattern);
            for (JsonNode present : all) {
                if (present.equals(more)) {
                    return;
                }
            }
            all.add(more);
        }
    }

    /**
     * Allows one boolean value only, and {@code null} when the schema accepts it.
     *
     * @param schema   the schema
     * @param value    the value
     * @param nullable whether {@code null} stays valid
     */
    public static void constant(ObjectNode schema, boolean value, boolean nullable) {
        if (nullable) {
            schema.putArray("enum").add(BooleanNode.valueOf(value)).add(NullNode.getInstance());
        } else {
            schema.put("const", value);
        }
    }

    /**
     * Adds a sentence to the schema's description.
     *
     * @param schema   the schema
     * @param sentence such as {@code "must be in the past"}
     */
    public static void describe(ObjectNode schema, String sentence) {
        JsonNode present = schema.get("description");
        schema.put("description", present == null ? sentence : present.asText() + "; " + sentence);
    }

    /**
     * Writes a number as JSON writes it best: without a fraction when it has none.
     *
     * @param value the number
     * @return its node
     */
    public static JsonNode number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return IntNode.valueOf(plain.intValueExact());
        }
        if (plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return LongNode.valueOf(plain.longValueExact());
        }
        return DecimalNode.valueOf(plain.scale() < 0 ? plain.setScale(0) : plain);
    }
}
