package io.github.dynacrud.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON properties of a record as Jackson writes and reads them, in Jackson's order: names after every renaming it
 * honours, getters it adds, and which properties it leaves out when they are {@code null}.
 *
 * @param written the properties of the record's JSON
 * @param read    the record component each accepted JSON name (aliases included) sets, by JSON name
 */
record RecordProperties(List<Property> written, Map<String, String> read) {
    /**
     * One written property.
     *
     * @param name        its JSON name
     * @param internal    its record component or getter name
     * @param type        its Java type
     * @param isComponent whether it is a record component, which a body may set, rather than an added getter
     * @param always      whether it is written even when {@code null}
     */
    record Property(String name, String internal, Type type, boolean isComponent, boolean always) {
    }

    /**
     * Introspects a record type.
     *
     * @param mapper the mapper whose configuration applies
     * @param type   the record class
     * @return its properties
     */
    static RecordProperties of(ObjectMapper mapper, Class<?> type) {
        Map<String, Type> components = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.put(component.getName(), component.getGenericType());
        }
        SerializationConfig config = mapper.getSerializationConfig();
        BeanDescription serialized = config.introspect(mapper.constructType(type));
        JsonInclude.Value byDefault = serialized.findPropertyInclusion(config.getDefaultPropertyInclusion(type));
        List<Property> written = new ArrayList<>();
        for (BeanPropertyDefinition property : serialized.findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            String internal = property.getInternalName();
            JsonInclude.Include inclusion = byDefault.withOverrides(property.findInclusion()).getValueInclusion();
            boolean isComponent = components.containsKey(internal);
            written.add(new Property(property.getName(), internal,
                    isComponent ? components.get(internal) : memberType(property.getAccessor()), isComponent,
                    inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS));
        }
        Map<String, String> read = new LinkedHashMap<>();
        BeanDescription deserialized = mapper.getDeserializationConfig().introspect(mapper.constructType(type));
        for (BeanPropertyDefinition property : deserialized.findProperties()) {
            if (components.containsKey(property.getInternalName()) && property.couldDeserialize()) {
                read.put(property.getName(), property.getInternalName());
                for (PropertyName alias : property.findAliases()) {
                    read.put(alias.getSimpleName(), property.getInternalName());
                }
            }
        }
        return new RecordProperties(List.copyOf(written), read);
    }

    private static Type memberType(AnnotatedMember member) {
        if (member.getAnnotated() instanceof Method method) {
            return method.getGenericReturnType();
        }
        return member.getAnnotated() instanceof Field field ? field.getGenericType() : member.getRawType();
    }
}
