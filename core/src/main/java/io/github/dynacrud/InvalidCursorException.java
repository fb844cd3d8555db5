package io.github.dynacrud;

/** A page cursor was tampered with, is malformed, or belongs to another query (HTTP 400). */
public class InvalidCursorException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure; the message never repeats the cursor. */
    public InvalidCursorException() {
        super(400, "cursor is invalid or belongs to another query");
    }
}
