package io.github.dynacrud.http;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JSON names Jackson gives a record's components, taken from Jackson's own introspection of the type, so every
 * renaming mechanism it honours ({@code @JsonProperty}, {@code @JsonNaming}, {@code @JsonAlias}, mix-ins registered on
 * the mapper) is honoured here too, and attributes are told apart by component, never by a guessed name.
 *
 * @param written the name each component is written under, by component; absent when Jackson does not write it
 * @param read    the component each accepted JSON name (aliases included) sets, by JSON name
 */
record JsonNames(Map<String, String> written, Map<String, String> read) {
    /**
     * Introspects a record type.
     *
     * @param mapper     the mapper whose configuration (naming strategy, mix-ins) applies
     * @param type       the record class
     * @param components its component names
     * @return its names
     */
    static JsonNames of(ObjectMapper mapper, Class<?> type, Set<String> components) {
        // Jackson's introspection costs about a millisecond per type at start-up; without anything that renames,
        // its answer is known.
        if (mapper.mixInCount() == 0 && mapper.getSerializationConfig().getPropertyNamingStrategy() == null
                && mapper.getDeserializationConfig().getPropertyNamingStrategy() == null
                && PlainRecords.namesAsDeclared(type)) {
            Map<String, String> same = new HashMap<>();
            components.forEach(component -> same.put(component, component));
            return new JsonNames(Map.copyOf(same), Map.copyOf(same));
        }
        return introspect(mapper, type, components);
    }

    /** The names as Jackson's introspection of the type finds them. */
    static JsonNames introspect(ObjectMapper mapper, Class<?> type, Set<String> components) {
        Map<String, String> written = new HashMap<>();
        BeanDescription serialized = mapper.getSerializationConfig().introspect(mapper.constructType(type));
        for (BeanPropertyDefinition property : serialized.findProperties()) {
            if (components.contains(property.getInternalName()) && property.couldSerialize()) {
                written.put(property.getInternalName(), property.getName());
            }
        }
        Map<String, String> read = new HashMap<>();
        BeanDescription deserialized = mapper.getDeserializationConfig().introspect(mapper.constructType(type));
        for (BeanPropertyDefinition property : deserialized.findProperties()) {
            String component = property.getInternalName();
            if (components.contains(component)) {
                read.put(property.getName(), component);
                for (PropertyName alias : property.findAliases()) {
                    read.put(alias.getSimpleName(), component);
                }
            }
        }
        return new JsonNames(Map.copyOf(written), Map.copyOf(read));
    }
}
