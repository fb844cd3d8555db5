package io.github.dynacrud.table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the expressions of a captured request with its placeholders replaced by what they stand for, so a test
 * asserts {@code attribute_exists(PK) AND _type = 'Todo'} rather than the numbering of {@code :v0}. String values are
 * quoted, numbers and booleans written plainly, sets as {@code <<'a', 'b'>>} and lists as {@code ['a']}.
 *
 * @param names  the request's {@code ExpressionAttributeNames}
 * @param values the request's {@code ExpressionAttributeValues}
 */
public record Placeholders(Map<String, String> names, Map<String, AttributeValue> values) {
    private static final Pattern PLACEHOLDER = Pattern.compile("[#:][A-Za-z0-9_]+");

    /**
     * Replaces every placeholder of an expression.
     *
     * @param expression an expression of the request
     * @return the expression with names and values
     * @throws AssertionError when a placeholder is not defined by the request
     */
    public String resolve(String expression) {
        Matcher matcher = PLACEHOLDER.matcher(expression);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String placeholder = matcher.group();
            String text;
            if (placeholder.startsWith("#")) {
                text = names.get(placeholder);
            } else {
                AttributeValue value = values.get(placeholder);
                text = value == null ? null : render(value);
            }
            if (text == null) {
                throw new AssertionError("placeholder " + placeholder + " of '" + expression + "' is not defined");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(text));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /**
     * Lists the actions of one clause of an update expression, resolved, in the order written.
     *
     * @param updateExpression the update expression
     * @param clause           {@code SET} or {@code REMOVE}
     * @return the actions, such as {@code title = 'Ship it'}
     */
    List<String> actions(String updateExpression, String clause) {
        // Split before resolving: placeholders never hold a keyword or a comma, values may.
        Matcher matcher = Pattern.compile("(?:^|\\s)" + clause + "\\s+(.*?)(?=\\s+(?:SET|REMOVE|ADD|DELETE)\\s|$)")
                .matcher(updateExpression);
        return matcher.find() ? splitTopLevel(matcher.group(1)).stream().map(this::resolve).toList() : List.of();
    }

    /**
     * Lists the placeholders the request defines but none of its expressions uses; DynamoDB refuses such a request.
     *
     * @param expressions every expression of the request
     * @return the unused placeholders
     */
    Set<String> unusedIn(String... expressions) {
        Set<String> unused = new LinkedHashSet<>(names.keySet());
        unused.addAll(values.keySet());
        for (String expression : expressions) {
            if (expression != null) {
                Matcher matcher = PLACEHOLDER.matcher(expression);
                while (matcher.find()) {
                    unused.remove(matcher.group());
                }
            }
        }
        return unused;
    }

    private static String render(AttributeValue value) {
        if (value.s() != null) {
            return "'" + value.s() + "'";
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.bool() != null) {
            return value.bool().toString();
        }
        if (value.hasSs()) {
            return value.ss().stream().map(e -> "'" + e + "'").collect(Collectors.joining(", ", "<<", ">>"));
        }
        if (value.hasNs()) {
            return value.ns().stream().collect(Collectors.joining(", ", "<<", ">>"));
        }
        if (value.hasL()) {
            return value.l().stream().map(Placeholders::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }

    private static List<String> splitTopLevel(String actions) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < actions.length(); i++) {
            char c = actions.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(actions.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(actions.substring(start).trim());
        return parts;
    }
}
