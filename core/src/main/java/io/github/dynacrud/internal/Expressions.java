package io.github.dynacrud.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Collects the attribute-name and value placeholders of one DynamoDB request, so attribute names that are reserved
 * words (such as {@code name} or {@code status}) never break an expression and values never appear in one.
 */
public final class Expressions {
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> namePlaceholders = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final List<String> deletes = new ArrayList<>();

    /**
     * Returns the placeholder of an attribute name, such as {@code #title}.
     *
     * @param attribute the attribute name
     * @return its placeholder, the same for every use in this request
     */
    public String name(String attribute) {
        return namePlaceholders.computeIfAbsent(attribute, a -> {
            String base = "#" + (isPlain(a) ? a : "x");
            String placeholder = base;
            for (int i = 1; names.containsKey(placeholder); i++) {
                placeholder = base + i;
            }
            names.put(placeholder, a);
            return placeholder;
        });
    }

    /** Whether a name can stand in its placeholder: {@code [A-Za-z][A-Za-z0-9]*}, checked without a regex per name. */
    private static boolean isPlain(String name) {
        if (name.isEmpty() || !isLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLetter(c) && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /**
     * Returns a new placeholder for a value, such as {@code :v0}.
     *
     * @param value the value
     * @return its placeholder
     */
    public String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    /**
     * Adds {@code SET attribute = value} to the update expression.
     *
     * @param attribute the attribute
     * @param value     its new value
     */
    public void set(String attribute, AttributeValue value) {
        sets.add(name(attribute) + " = " + value(value));
    }

    /**
     * Adds a raw {@code SET} action, such as {@code #version = #version + :v1}.
     *
     * @param action the action, written with placeholders from this object
     */
    public void setAction(String action) {
        sets.add(action);
    }

    /**
     * Adds {@code REMOVE attribute} to the update expression.
     *
     * @param attribute the attribute
     */
    public void remove(String attribute) {
        removes.add(name(attribute));
    }

    /**
     * Adds {@code ADD attribute value} to the update expression: elements join a set.
     *
     * @param attribute the set attribute
     * @param elements  the elements, as a DynamoDB set
     */
    public void add(String attribute, AttributeValue elements) {
        adds.add(name(attribute) + " " + value(elements));
    }

    /**
     * Adds {@code DELETE attribute value} to the update expression: elements leave a set.
     *
     * @param attribute the set attribute
     * @param elements  the elements, as a DynamoDB set
     */
    public void delete(String attribute, AttributeValue elements) {
        deletes.add(name(attribute) + " " + value(elements));
    }

    /** @return the update expression of the collected actions */
    public String updateExpression() {
        StringBuilder expression = new StringBuilder();
        clause(expression, "SET", sets);
        clause(expression, "REMOVE", removes);
        clause(expression, "ADD", adds);
        clause(expression, "DELETE", deletes);
        return expression.toString();
    }

    private static void clause(StringBuilder expression, String keyword, List<String> actions) {
        if (!actions.isEmpty()) {
            expression.append(expression.length() > 0 ? " " : "").append(keyword).append(' ')
                    .append(String.join(", ", actions));
        }
    }

    /**
     * Returns the name placeholders as they stand: a request builder copies them, so a second copy here would be
     * waste.
     *
     * @return an unmodifiable view of the name placeholders, or {@code null} when there are none (the SDK omits null
     *         maps)
     */
    public Map<String, String> names() {
        return names.isEmpty() ? null : Collections.unmodifiableMap(names);
    }

    /** @return an unmodifiable view of the value placeholders, or {@code null} when there are none */
    public Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : Collections.unmodifiableMap(values);
    }
}
