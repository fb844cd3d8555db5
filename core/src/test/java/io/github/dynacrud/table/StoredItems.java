package io.github.dynacrud.table;

import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored form of fixture records, written out by hand rather than by dynacrud's mapping, so that what a test
 * expects on the wire does not come from the code under test.
 */
final class StoredItems {
    private StoredItems() {
    }

    /** @return a string attribute value */
    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** @return a number attribute value */
    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** @return the primary key of a todo */
    static Map<String, AttributeValue> todoKey(String ownerId, String id) {
        return Map.of("PK", s("USER#" + ownerId), "SK", s("TODO#" + id));
    }

    /** @return the whole item of a todo: attributes, primary key, GSI1 keys and type */
    static Map<String, AttributeValue> todo(Todo todo) {
        Map<String, AttributeValue> item = new HashMap<>(todoKey(todo.ownerId(), todo.id()));
        item.put("GSI1PK", s("USER#" + todo.ownerId()));
        item.put("GSI1SK", s("DONE#" + todo.done() + "#" + todo.id()));
        item.put("_type", s("Todo"));
        item.put("ownerId", s(todo.ownerId()));
        item.put("id", s(todo.id()));
        item.put("title", s(todo.title()));
        item.put("done", AttributeValue.fromBool(todo.done()));
        if (todo.dueDate() != null) {
            item.put("dueDate", s(todo.dueDate().toString()));
        }
        item.put("version", n(todo.version()));
        item.put("createdAt", s(todo.createdAt().toString()));
        item.put("updatedAt", s(todo.updatedAt().toString()));
        return item;
    }

    /** @return the primary key of a user */
    static Map<String, AttributeValue> userKey(String id) {
        return Map.of("PK", s("USER#" + id), "SK", s("PROFILE"));
    }

    /** @return the whole item of a user: attributes, primary key, GSI1 keys and type */
    static Map<String, AttributeValue> user(User user) {
        Map<String, AttributeValue> item = new HashMap<>(userKey(user.id()));
        item.put("GSI1PK", s("EMAIL#" + user.email()));
        item.put("GSI1SK", s("USER"));
        item.put("_type", s("User"));
        item.put("id", s(user.id()));
        item.put("email", s(user.email()));
        item.put("name", s(user.name()));
        if (user.passwordHash() != null) {
            item.put("passwordHash", s(user.passwordHash()));
        }
        item.put("version", n(user.version()));
        item.put("createdAt", s(user.createdAt().toString()));
        item.put("updatedAt", s(user.updatedAt().toString()));
        return item;
    }

    /** @return the key of the guard of a user's email */
    static Map<String, AttributeValue> emailGuardKey(String email) {
        AttributeValue key = s("UNIQUE#User#email#" + email);
        return Map.of("PK", key, "SK", key);
    }

    /** @return the whole guard item of a user's email, pointing at the user */
    static Map<String, AttributeValue> emailGuard(String email, String userId) {
        Map<String, AttributeValue> guard = new HashMap<>(emailGuardKey(email));
        guard.put("_type", s("_unique"));
        guard.put("targetPK", s("USER#" + userId));
        guard.put("targetSK", s("PROFILE"));
        return guard;
    }

    /** @return a copy of an item with another entity type */
    static Map<String, AttributeValue> withType(Map<String, AttributeValue> item, String type) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put("_type", s(type));
        return copy;
    }
}
