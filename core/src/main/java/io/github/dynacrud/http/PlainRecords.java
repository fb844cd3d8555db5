package io.github.dynacrud.http;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
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
     * @param type the record type
     * @return {@code true} when every component is a string, boolean, int, long, instant, date, enum without Jackson
     *         annotations, or a list, set or map of strings, and neither the record nor its parts carry a Jackson
     *         annotation or a getter Jackson would add as a property
     */
    static boolean serializeAlikeDirectly(Class<?> type) {
        if (hasJacksonAnnotation(type) || hasExtraGetter(type)) {
            return false;
        }
        RecordComponent[] components = type.getRecordComponents();
        try {
            for (RecordComponent component : components) {
                if (!isPlain(component.getGenericType()) || hasJacksonAnnotation(component)
                        || hasJacksonAnnotation(component.getAccessor())
                        || hasJacksonAnnotation(type.getDeclaredField(component.getName()))) {
                    return false;
                }
            }
            // A creator parameter's annotation can rename the property Jackson writes, too.
            Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
            return Arrays.stream(type.getDeclaredConstructor(parameterTypes).getParameters())
                    .noneMatch(PlainRecords::hasJacksonAnnotation);
        } catch (NoSuchFieldException | NoSuchMethodException e) {
            return false;
        }
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

    /**
     * Tells whether Jackson names a record's properties after its components, whatever their types: no Jackson
     * annotation on the record, its interfaces or any of its members, and no getter Jackson would add.
     *
     * @param type the record type
     * @return {@code true} when each component's JSON name is the component's name
     */
    static boolean namesAsDeclared(Class<?> type) {
        if (hasJacksonAnnotation(type) || hasExtraGetter(type) || interfacesCarryJackson(type)) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (hasJacksonAnnotation(component)) {
                return false;
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (Arrays.stream(constructor.getParameters()).anyMatch(PlainRecords::hasJacksonAnnotation)) {
                return false;
            }
        }
        return Arrays.stream(type.getDeclaredFields()).noneMatch(PlainRecords::hasJacksonAnnotation)
                && Arrays.stream(type.getDeclaredMethods()).noneMatch(PlainRecords::hasJacksonAnnotation);
    }

    private static boolean interfacesCarryJackson(Class<?> type) {
        for (Class<?> contract : type.getInterfaces()) {
            if (hasJacksonAnnotation(contract) || interfacesCarryJackson(contract)
                    || Arrays.stream(contract.getDeclaredMethods()).anyMatch(PlainRecords::hasJacksonAnnotation)) {
                return true;
            }
        }
        return false;
    }

    /** A Jackson annotation, or an annotation bundling some ({@code @JacksonAnnotationsInside}). */
    private static boolean hasJacksonAnnotation(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().startsWith(JACKSON)
                    || annotation.annotationType().isAnnotationPresent(JacksonAnnotationsInside.class)) {
                return true;
            }
        }
        return false;
    }
}
