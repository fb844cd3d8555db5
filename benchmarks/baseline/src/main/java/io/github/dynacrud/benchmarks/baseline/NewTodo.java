package io.github.dynacrud.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** The fields of a todo to create, read from a request body and checked by hand. */
record NewTodo(String title, boolean done, LocalDate dueDate) {
    static final int MAX_TITLE_LENGTH = 200;

    /**
     * Reads a create request's body: malformed shapes are 400, an unacceptable title is 422.
     *
     * @param body the parsed request body
     * @return the todo to create; {@code dueDate} is null when the body has none
     */
    static NewTodo from(JsonNode body) {
        if (!body.isObject()) {
            throw HttpProblem.badRequest("the body must be a JSON object");
        }
        String title = null;
        boolean done = false;
        LocalDate dueDate = null;
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "title" -> title = value.isNull() ? null : text(value, "'title' must be a string");
                case "done" -> done = bool(value);
                case "dueDate" -> dueDate = value.isNull() ? null : date(value);
                // The field's name is the caller's text of any length: it stays out of the detail.
                default -> throw HttpProblem.badRequest("the body may only have the fields title, done and dueDate");
            }
        }
        return new NewTodo(checkedTitle(title), done, dueDate);
    }

    /** Refuses a missing, blank or too long title with a 422, as the todo example's constraints do. */
    static String checkedTitle(String title) {
        if (title == null) {
            throw HttpProblem.unprocessable("'title' is required");
        }
        if (title.trim().isEmpty()) {
            throw HttpProblem.unprocessable("'title' must not be blank");
        }
        if (title.length() > MAX_TITLE_LENGTH) {
            throw HttpProblem.unprocessable("'title' must be at most " + MAX_TITLE_LENGTH + " characters");
        }
        return title;
    }

    static String text(JsonNode value, String detail) {
        if (!value.isTextual()) {
            throw HttpProblem.badRequest(detail);
        }
        return value.textValue();
    }

    static boolean bool(JsonNode value) {
        if (!value.isBoolean()) {
            throw HttpProblem.badRequest("'done' must be true or false");
        }
        return value.booleanValue();
    }

    static LocalDate date(JsonNode value) {
        String detail = "'dueDate' must be a date such as 2026-12-31";
        try {
            return LocalDate.parse(text(value, detail));
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest(detail);
        }
    }
}
