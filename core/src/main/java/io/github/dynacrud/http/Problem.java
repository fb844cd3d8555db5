package io.github.dynacrud.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem details body, sent as {@code application/problem+json}.
 *
 * @param type     a URI naming the problem type; {@code about:blank} when the status says it all
 * @param title    a short, fixed summary of the type, such as {@code "Not Found"}
 * @param status   the HTTP status
 * @param detail   what went wrong in this occurrence; never an internal message on a 5xx
 * @param instance the request id, to quote when reporting the problem
 * @param errors   for validation failures and bad fields, one entry per field
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {
    /** The type of problems that need no more than their status. */
    public static final String ABOUT_BLANK = "about:blank";

    /** Checks the parts and copies the errors. */
    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * Makes a problem of type {@code about:blank} whose title is the status's reason phrase.
     *
     * @param status   the HTTP status
     * @param detail   what went wrong, or {@code null}
     * @param instance the request id, or {@code null}
     * @return the problem
     */
    public static Problem of(int status, String detail, String instance) {
        return new Problem(ABOUT_BLANK, HttpStatus.reason(status), status, detail, instance, List.of());
    }

    /**
     * Returns a copy listing field errors.
     *
     * @param fieldErrors one entry per field
     * @return the new problem
     */
    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    /**
     * What is wrong with one field of a request.
     *
     * @param field   the field or query parameter, such as {@code "title"}
     * @param message what is wrong, such as {@code "must not be blank"}
     */
    public record FieldError(String field, String message) {
    }
}
