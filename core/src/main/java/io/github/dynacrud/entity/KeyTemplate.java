package io.github.dynacrud.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A key pattern such as {@code USER#{ownerId}} or {@code DONE#{done}#{id}}: segments joined by {@code #}, each either
 * a literal or one {@code {attribute}} placeholder.
 *
 * <p>Because a rendered value may never contain {@code #} (see {@link KeyParts}), each rendered key maps back to
 * exactly one set of values: two different items never share a key.
 *
 * <pre>{@code
 * KeyTemplate sk = KeyTemplate.parse("DONE#{done}#{id}");
 * sk.attributes();                          // [done, id]
 * sk.render(Map.of("done", "true", "id", "01J..."));   // "DONE#true#01J..."
 * }</pre>
 *
 * @param pattern  the template as written
 * @param segments its segments, in order
 */
public record KeyTemplate(String pattern, List<Segment> segments) {
    /** The separator between key segments; never allowed inside a rendered value. */
    public static final char SEPARATOR = '#';

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_.:\\-]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_$][A-Za-z0-9_$]*)}");

    /** Checks the parts and copies the segment list. */
    public KeyTemplate {
        Objects.requireNonNull(pattern, "pattern");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("key template '" + pattern + "' has no segments");
        }
    }

    /**
     * Parses a template.
     *
     * @param pattern such as {@code "USER#{ownerId}"}
     * @return the parsed template
     * @throws IllegalArgumentException naming the template and the offending segment when it is malformed
     */
    public static KeyTemplate parse(String pattern) {
        Objects.requireNonNull(pattern, "key template");
        List<Segment> segments = new ArrayList<>();
        for (String text : pattern.split(Pattern.quote(String.valueOf(SEPARATOR)), -1)) {
            var placeholder = PLACEHOLDER.matcher(text);
            if (placeholder.matches()) {
                segments.add(new Segment(null, placeholder.group(1)));
            } else if (LITERAL.matcher(text).matches()) {
                segments.add(new Segment(text, null));
            } else {
                throw new IllegalArgumentException("key template '" + pattern + "' has an invalid segment '" + text
                        + "': use letters, digits, '_', '.', ':' or '-', or one {attribute} per segment");
            }
        }
        return new KeyTemplate(pattern, segments);
    }

    /**
     * Returns the attributes this template reads, in order.
     *
     * @return placeholder names, possibly empty
     */
    public List<String> attributes() {
        return segments.stream().filter(Segment::isPlaceholder).map(Segment::attribute).toList();
    }

    /**
     * Returns the literal text before the first placeholder, with its trailing separator, such as {@code "TODO#"}
     * for {@code TODO#{id}}; the whole key when there is no placeholder.
     *
     * @return the fixed prefix every rendered key starts with, possibly empty
     */
    public String literalPrefix() {
        return renderPrefix(Map.of());
    }

    /**
     * Renders the full key.
     *
     * @param values each placeholder's value, already checked with {@link KeyParts#check}
     * @return the rendered key
     * @throws IllegalArgumentException when a placeholder has no value
     */
    public String render(Map<String, String> values) {
        for (String attribute : attributes()) {
            if (values.get(attribute) == null) {
                throw new IllegalArgumentException("key template '" + pattern + "' needs a value for '" + attribute + "'");
            }
        }
        return renderPrefix(values);
    }

    /**
     * Renders the segments up to the first placeholder without a value. A partial key ends with the separator, so a
     * prefix for {@code done=true} never matches {@code done=trueish}.
     *
     * @param values leading placeholders' values, already checked with {@link KeyParts#check}
     * @return the rendered prefix, or the full key when every placeholder has a value
     */
    public String renderPrefix(Map<String, String> values) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            String text = segment.isPlaceholder() ? values.get(segment.attribute()) : segment.literal();
            if (text == null) {
                return key.toString();
            }
            key.append(text);
            if (i < segments.size() - 1) {
                key.append(SEPARATOR);
            }
        }
        return key.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }

    /**
     * One segment of a template: a literal, or a placeholder naming an attribute.
     *
     * @param literal   the fixed text, or {@code null} for a placeholder
     * @param attribute the attribute name, or {@code null} for a literal
     */
    public record Segment(String literal, String attribute) {
        /** Checks that exactly one part is present. */
        public Segment {
            if ((literal == null) == (attribute == null)) {
                throw new IllegalArgumentException("a segment is either a literal or a placeholder");
            }
        }

        /**
         * Tells whether this segment is a placeholder.
         *
         * @return {@code true} for {@code {attribute}}
         */
        public boolean isPlaceholder() {
            return attribute != null;
        }
    }
}
