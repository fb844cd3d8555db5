package io.github.dynacrud.http.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route's path template such as {@code /todos/{id}} or {@code /files/{path+}}: literal segments, single-segment
 * parameters and one greedy parameter at the end. Matches decoded path segments and ranks matches: a literal beats a
 * parameter, which beats a greedy parameter.
 */
public final class PathTemplate {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private enum Kind { GREEDY, PARAMETER, LITERAL }

    private record Segment(Kind kind, String text) {
    }

    private final String template;
    private final List<Segment> segments;

    private PathTemplate(String template, List<Segment> segments) {
        this.template = template;
        this.segments = segments;
    }

    /**
     * Parses a template.
     *
     * @param template such as {@code /todos/{id}}; a trailing slash is ignored
     * @return the template
     * @throws IllegalArgumentException naming the template when it is malformed
     */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path template '" + template + "' must start with '/'");
        }
        if (template.contains("//")) {
            throw new IllegalArgumentException("path template '" + template + "' has an empty segment");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> parts = split(template);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.isEmpty()) {
                throw new IllegalArgumentException("path template '" + template + "' has an empty segment");
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                boolean greedy = part.endsWith("+}");
                String name = part.substring(1, part.length() - (greedy ? 2 : 1));
                if (!NAME.matcher(name).matches() || !names.add(name)) {
                    throw new IllegalArgumentException("path template '" + template + "' has an invalid or repeated"
                            + " parameter '" + part + "'");
                }
                if (greedy && i != parts.size() - 1) {
                    throw new IllegalArgumentException("path template '" + template
                            + "' has a greedy parameter before its end");
                }
                segments.add(new Segment(greedy ? Kind.GREEDY : Kind.PARAMETER, name));
            } else if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException("path template '" + template + "' mixes text and a parameter in '"
                        + part + "'; give the parameter its own segment");
            } else {
                segments.add(new Segment(Kind.LITERAL, part));
            }
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    /**
     * Splits a path into its segments, ignoring a trailing slash.
     *
     * @param path such as {@code /todos/42/}
     * @return such as {@code [todos, 42]}; empty for {@code /}
     */
    public static List<String> split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals("/") || trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.substring(1).split("/", -1));
    }

    /**
     * Matches decoded path segments.
     *
     * @param decoded the request path's segments, each percent-decoded once
     * @return the path parameters, or empty when the template does not match
     */
    public Optional<Map<String, String>> match(List<String> decoded) {
        // Every route is tried on every request, and most do not match: the map is made only for one that does.
        if (decoded.size() < segments.size() - (greedy() ? 1 : 0) || decoded.size() > segments.size() && !greedy()) {
            return Optional.empty();
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.GREEDY) {
                List<String> rest = decoded.subList(Math.min(i, decoded.size()), decoded.size());
                if (rest.isEmpty() || rest.stream().anyMatch(String::isEmpty)) {
                    return Optional.empty();
                }
            } else if (segment.kind() == Kind.LITERAL ? !segment.text().equals(decoded.get(i))
                    : decoded.get(i).isEmpty() || decoded.get(i).indexOf('/') >= 0) {
                return Optional.empty();
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.GREEDY) {
                parameters.put(segment.text(), String.join("/", decoded.subList(i, decoded.size())));
            } else if (segment.kind() == Kind.PARAMETER) {
                parameters.put(segment.text(), decoded.get(i));
            }
        }
        return Optional.of(parameters);
    }

    private boolean greedy() {
        return !segments.isEmpty() && segments.get(segments.size() - 1).kind() == Kind.GREEDY;
    }

    /**
     * Lists the parameters of this template, in path order.
     *
     * @return such as {@code [notebookId, id]} for {@code /notebooks/{notebookId}/notes/{id}}
     */
    public List<String> parameters() {
        return segments.stream().filter(s -> s.kind() != Kind.LITERAL).map(Segment::text).toList();
    }

    /**
     * Ranks this template against another that matches the same path.
     *
     * @param other another template
     * @return positive when this one is more specific, negative when less, 0 when they have the same shape
     */
    public int compareSpecificity(PathTemplate other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            int byKind = segments.get(i).kind().compareTo(other.segments.get(i).kind());
            if (byKind != 0) {
                return byKind;
            }
        }
        return Integer.compare(segments.size(), other.segments.size());
    }

    /**
     * Tells whether two templates match exactly the same paths, parameter names aside.
     *
     * @param other another template
     * @return {@code true} for such as {@code /todos/{id}} and {@code /todos/{key}}
     */
    public boolean sameShape(PathTemplate other) {
        if (segments.size() != other.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment a = segments.get(i);
            Segment b = other.segments.get(i);
            if (a.kind() != b.kind() || a.kind() == Kind.LITERAL && !a.text().equals(b.text())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return template;
    }
}
