package io.github.dynacrud;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input broke a rule: a Bean Validation constraint of the entity record, or a key part that could forge another
 * key (HTTP 422). Carries one {@link Violation} per broken rule.
 */
public class ValidationException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * Creates the failure from its violations.
     *
     * @param violations at least one broken rule
     */
    public ValidationException(List<Violation> violations) {
        super(422, describe(violations));
        this.violations = List.copyOf(violations);
    }

    /**
     * Creates the failure for one field.
     *
     * @param field   the field, such as {@code "title"}
     * @param message what is wrong with it, such as {@code "must not be blank"}
     */
    public ValidationException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    /**
     * Returns the broken rules, in a stable order.
     *
     * @return one violation per broken rule, never empty
     */
    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one violation");
        }
        return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }

    /**
     * One broken rule: the field it concerns and a message meant for the API's caller.
     *
     * @param field   the field's path, such as {@code "title"} or {@code "address.city"}
     * @param message what is wrong, without the rejected value
     */
    public record Violation(String field, String message) {
        /** Checks that both parts are present. */
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }
}
