package io.github.dynacrud.benchmarks.baseline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Writes a todo item as the JSON the API answers with: its fields, never its keys or its owner. */
final class TodoJson {
    private TodoJson() {
    }

    /**
     * Builds a todo's representation from its stored attributes.
     *
     * @param item the item as {@link TodoTable} stores it
     * @return {@code id, title, done, dueDate} (only when set), {@code version, createdAt, updatedAt}
     */
    static ObjectNode of(Map<String, AttributeValue> item) {
        ObjectNode todo = JsonNodeFactory.instance.objectNode();
        todo.put("id", item.get("id").s());
        todo.put("title", item.get("title").s());
        todo.put("done", item.get("done").bool());
        AttributeValue dueDate = item.get("dueDate");
        if (dueDate != null) {
            todo.put("dueDate", dueDate.s());
        }
        todo.put("version", Long.parseLong(item.get("version").n()));
        todo.put("createdAt", item.get("createdAt").s());
        todo.put("updatedAt", item.get("updatedAt").s());
        return todo;
    }
}
