package io.github.dynacrud.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP headers: names are case-insensitive (kept lower-case), each with one or more values, in insertion order.
 * Immutable; {@link #with} and {@link #add} return copies.
 *
 * <pre>{@code
 * Headers headers = Headers.of("Content-Type", "application/json");
 * headers.first("content-type");   // Optional[application/json]
 * }</pre>
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of());

    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values) {
        this.values = values;
    }

    /** @return no headers */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Makes headers from name and value pairs.
     *
     * @param namesAndValues name, value, name, value...
     * @return the headers
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name and value pairs");
        }
        Headers headers = EMPTY;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers = headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /**
     * Makes headers from a map; names that differ only in case are merged.
     *
     * @param map values by name
     * @return the headers
     */
    public static Headers of(Map<String, ? extends List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>(map.size() * 2);
        map.forEach((name, list) -> {
            if (name != null && list != null) {
                List<String> kept = withoutNulls(list);
                if (!kept.isEmpty()) {
                    copy.merge(normalize(name), kept, Headers::concat);
                }
            }
        });
        return new Headers(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in any case
     * @return its first value, or empty when absent
     */
    public Optional<String> first(String name) {
        List<String> list = values.get(normalize(name));
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /**
     * Returns every value of a header.
     *
     * @param name the header name, in any case
     * @return its values, possibly empty
     */
    public List<String> all(String name) {
        return values.getOrDefault(normalize(name), List.of());
    }

    /**
     * Tells whether a header is present.
     *
     * @param name the header name, in any case
     * @return {@code true} when it has a value
     */
    public boolean contains(String name) {
        return values.containsKey(normalize(name));
    }

    /**
     * Returns a copy with one header set to one value, replacing any values it had.
     *
     * @param name  the header name
     * @param value its value
     * @return the new headers
     */
    public Headers with(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.put(normalize(name), List.of(Objects.requireNonNull(value, "value")));
        return new Headers(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns a copy with one more value for a header.
     *
     * @param name  the header name
     * @param value the value to add
     * @return the new headers
     */
    public Headers add(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        List<String> list = new ArrayList<>(copy.getOrDefault(normalize(name), List.of()));
        list.add(Objects.requireNonNull(value, "value"));
        copy.put(normalize(name), List.copyOf(list));
        return new Headers(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns a copy without a header.
     *
     * @param name the header name
     * @return the new headers
     */
    public Headers without(String name) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.remove(normalize(name));
        return new Headers(Collections.unmodifiableMap(copy));
    }

    /** @return the values by lower-case name, in insertion order */
    public Map<String, List<String>> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers headers && values.equals(headers.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Headers" + values.keySet();
    }

    /** An immutable copy without nulls; a list that is already one, as an event's single values are, is kept. */
    private static List<String> withoutNulls(List<? extends String> list) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                return list.stream().filter(Objects::nonNull).map(String.class::cast).toList();
            }
        }
        return List.copyOf(list);
    }

    /** Two names that differ only in case are one header: their values join, in order. */
    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    private static String normalize(String name) {
        return Objects.requireNonNull(name, "header name").toLowerCase(Locale.ROOT);
    }
}
