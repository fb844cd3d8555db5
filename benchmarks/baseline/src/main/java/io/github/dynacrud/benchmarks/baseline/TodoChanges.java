package io.github.dynacrud.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;

/**
 * The changes of a JSON merge patch (RFC 7396) to a todo, read from a request body and checked by hand: a field that
 * is absent stays as stored, a {@code null} due date removes it.
 *
 * @param title       the new title, or null to keep it
 * @param done        the new done state, or null to keep it
 * @param dueDate     the new due date, or null to keep it (or to remove it, with {@code setsDueDate})
 * @param setsDueDate whether the body names the due date at all
 */
record TodoChanges(String title, Boolean done, LocalDate dueDate, boolean setsDueDate) {
    /**
     * Reads a patch's body: malformed shapes are 400, an unacceptable title is 422. The fields a client reads but
     * never writes (id, version and timestamps) are ignored, so a client may send back what it read.
     *
     * @param body the parsed request body
     * @return the changes, possibly none
     */
    static TodoChanges from(JsonNode body) {
        if (!body.isObject()) {
            throw HttpProblem.badRequest("the body must be a JSON object");
        }
        String title = null;
        Boolean done = null;
        LocalDate dueDate = null;
        boolean setsDueDate = false;
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "title" -> title = NewTodo.checkedTitle(value.isNull() ? null
                        : NewTodo.text(value, "'title' must be a string"));
                case "done" -> done = NewTodo.bool(value);
                case "dueDate" -> {
                    dueDate = value.isNull() ? null : NewTodo.date(value);
                    setsDueDate = true;
                }
                case "id", "version", "createdAt", "updatedAt" -> {
                    // Read-only: ignored, as the todo example ignores them.
                }
                // The field's name is the caller's text of any length: it stays out of the detail.
                default -> throw HttpProblem.badRequest("the body may only change the fields title, done and dueDate");
            }
        }
        return new TodoChanges(title, done, dueDate, setsDueDate);
    }

    /** @return whether the patch changes nothing */
    boolean isEmpty() {
        return title == null && done == null && !setsDueDate;
    }
}
