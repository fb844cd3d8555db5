package io.github.dynacrud.test.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the documented path template a concrete path falls under: literal segments equal, each {@code {name}} one
 * non-empty segment; where several match, the one with the most literal segments wins, as OpenAPI asks.
 */
public final class OperationPaths {
    private final List<String> templates = new ArrayList<>();

    /**
     * Reads the templates of a document's {@code paths} object.
     *
     * @param paths the {@code paths} object
     */
    public OperationPaths(JsonNode paths) {
        paths.properties().forEach(path -> templates.add(path.getKey()));
    }

    /** @return every documented template, in document order */
    public List<String> templates() {
        return List.copyOf(templates);
    }

    /**
     * Finds the template of a path.
     *
     * @param path such as {@code /todos/01J9}
     * @return the most specific matching template, such as {@code /todos/{id}}
     */
    public Optional<String> match(String path) {
        String[] segments = path.split("/", -1);
        return templates.stream()
                .filter(template -> matches(template.split("/", -1), segments))
                .max(Comparator.comparingLong(OperationPaths::literals));
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
            if (parameter ? segments[i].isEmpty() : !template[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    private static long literals(String template) {
        return java.util.Arrays.stream(template.split("/")).filter(s -> !s.startsWith("{")).count();
    }
}
