package io.github.dynacrud.http.internal;

import io.github.dynacrud.internal.RecordModel;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, once per record type, whether Jackson writes the record's components the same way whether it is handed the
 * components in a map or the record through a JSON tree. Anything this does not recognize as plain answers no.
 */
final class PlainRecords {
    private static final Set<Class<?>> SCALARS = Set.of(String.class, boolean.class, Boolean.class, int.class,
            Integer.class, long.class, Long.class, Instant.class, LocalDate.class);
    private static final Set<Class<?>> COLLECTIONS = Set.of(List.class, Set.class, Map.class);
    private static final String JACKSON = "com.fasterxml.jackson.";

    private PlainRecords() {
    }

    /**
     * Tells whether a record serializes alike as its components and as a tree.
     *
     * @param type  the record type
     * @param model its model
     * @return {@code true} when every component is a string, boolean, int, long, instant, date, enum without Jackson
     *         annotations, or a list, set or map of strings, and neither the record nor its parts carry a Jackson
     *         annotation or a getter Jackson would add as a property
     */
    static boolean serializeAlikeDirectly(Class<?> type, RecordModel<?> model) {
        if (hasJacksonAnnotation(type) || hasExtraGetter(type)) {
            return false;
        }
        RecordComponent[] components = type.getRecordComponents();
        for (RecordComponent component : components) {
            if (hasJacksonAnnotation(component) || hasJacksonAnnotation(component.getAccessor())) {
                return false;
            }
        }
        try {
            // A creator parameter's annotation can rename the property Jackson writes, too.
            Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
            if (Arrays.stream(type.getDeclaredConstructor(parameterTypes).getParameters())
                    .anyMatch(PlainRecords::hasJacksonAnnotation)) {
                return false;
            }
        } catch (NoSuchMethodException e) {
            return false;
        }
        for (String field : model.components().stream().map(RecordModel.Component::name).toList()) {
            try {
                if (hasJacksonAnnotation(type.getDeclaredField(field))) {
                    return false;
                }
            } catch (NoSuchFieldException e) {
                return false;
            }
        }
        return model.components().stream().allMatch(component -> isPlain(component.genericType()));
    }

    private static boolean isPlain(Type type) {
        if (type instanceof Class<?> raw) {
            return SCALARS.contains(raw) || raw.isEnum() && isPlainEnum(raw);
        }
        if (type instanceof ParameterizedType generic && COLLECTIONS.contains((Class<?>) generic.getRawType())) {
            return Arrays.stream(generic.getActualTypeArguments()).allMatch(String.class::equals);
        }
        return false;
    }

    /** An enum is written by name unless Jackson annotations say otherwise. */
    private static boolean isPlainEnum(Class<?> type) {
        return !hasJacksonAnnotation(type)
                && Arrays.stream(type.getDeclaredFields()).noneMatch(PlainRecords::hasJacksonAnnotation)
                && Arrays.stream(type.getDeclaredMethods()).noneMatch(PlainRecords::hasJacksonAnnotation);
    }

    /** A public {@code getX()} or {@code isX()} that is not an accessor, which Jackson adds to a record's JSON. */
    private static boolean hasExtraGetter(Class<?> type) {
        Set<String> accessors = Set.copyOf(Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName).toList());
        for (Method method : type.getMethods()) {
            String name = method.getName();
            boolean getterName = name.startsWith("get") && name.length() > 3 && !name.equals("getClass")
                    || name.startsWith("is") && name.length() > 2;
            if (getterName && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() != void.class && !accessors.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasJacksonAnnotation(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().startsWith(JACKSON)) {
                return true;
            }
        }
        return false;
    }
}
