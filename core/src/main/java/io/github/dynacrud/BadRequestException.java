package io.github.dynacrud;

import java.util.Optional;

/**
 * The request is malformed: bad JSON, a wrong type, an unknown field or a bad query parameter (HTTP 400). When one
 * field or parameter is at fault, it is named, so the problem body can list it.
 */
public class BadRequestException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates the failure.
     *
     * @param message what is wrong, for the API's caller; never a rejected value
     */
    public BadRequestException(String message) {
        super(400, message);
        this.field = null;
    }

    /**
     * Creates the failure for one field of the body or one query parameter.
     *
     * @param field   the field or parameter, such as {@code "limit"}
     * @param message what is wrong with it, such as {@code "must be between 1 and 100"}
     */
    public BadRequestException(String field, String message) {
        super(400, field + ": " + message);
        this.field = field;
    }

    /**
     * Returns the field or parameter at fault.
     *
     * @return its name, or empty when the request as a whole is malformed
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /**
     * Returns the message without the field name.
     *
     * @return what is wrong with the field, or the whole message when no field is named
     */
    public String reason() {
        return field == null ? getMessage() : getMessage().substring(field.length() + 2);
    }
}
