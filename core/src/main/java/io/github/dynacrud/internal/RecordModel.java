package io.github.dynacrud.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and builds instances of one record type through method handles looked up once, so nothing reflective runs
 * per item. Missing collections become empty ones and missing primitives their zero value.
 *
 * @param <T> the record type
 */
public final class RecordModel<T> {
    private final Class<T> type;
    private final List<Component> components;
    private final Map<String, Integer> positions = new HashMap<>();
    private final MethodHandle constructor;

    /**
     * One record component.
     *
     * @param name        its name
     * @param rawType     its class, primitives unboxed
     * @param genericType its declared type, with type arguments
     * @param accessor    {@code (Object) -> Object}
     */
    public record Component(String name, Class<?> rawType, Type genericType, MethodHandle accessor) {
    }

    private RecordModel(Class<T> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] declared = type.getRecordComponents();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            this.components = Arrays.stream(declared).map(c -> component(lookup, c)).toList();
            Constructor<T> canonical = type.getDeclaredConstructor(
                    Arrays.stream(declared).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            this.constructor = lookup.unreflectConstructor(canonical)
                    .asType(MethodType.genericMethodType(declared.length))
                    .asSpreader(Object[].class, declared.length);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot access record " + type.getName()
                    + "; make it public, or open its package to dynacrud", e);
        }
        for (int i = 0; i < components.size(); i++) {
            positions.put(components.get(i).name(), i);
        }
    }

    /**
     * Describes a record type; call once per type, at start-up.
     *
     * @param type a record class
     * @param <T>  the record type
     * @return its model
     * @throws IllegalArgumentException when the type is not an accessible record
     */
    public static <T> RecordModel<T> of(Class<T> type) {
        return new RecordModel<>(type);
    }

    private static Component component(MethodHandles.Lookup lookup, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            MethodHandle handle = lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
            return new Component(c.getName(), c.getType(), c.getGenericType(), handle);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** @return the record class */
    public Class<T> type() {
        return type;
    }

    /** @return the components in declaration order */
    public List<Component> components() {
        return components;
    }

    /**
     * Finds a component.
     *
     * @param name a component name
     * @return its position, or -1 when the record has no such component
     */
    public int position(String name) {
        return positions.getOrDefault(name, -1);
    }

    /**
     * Finds a component that must exist.
     *
     * @param name a component name
     * @return the component
     * @throws IllegalArgumentException when the record has no such component
     */
    public Component component(String name) {
        int position = position(name);
        if (position < 0) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no component '" + name + "'");
        }
        return components.get(position);
    }

    /**
     * Reads one component.
     *
     * @param item a record
     * @param name the component's name
     * @return its value, possibly {@code null}
     */
    public Object value(T item, String name) {
        return value(item, position(name));
    }

    /**
     * Reads one component by position.
     *
     * @param item     a record
     * @param position the component's position
     * @return its value, possibly {@code null}
     */
    public Object value(T item, int position) {
        try {
            return components.get(position).accessor().invokeExact((Object) item);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads every component.
     *
     * @param item a record
     * @return the values in declaration order
     */
    public Object[] values(T item) {
        Object[] values = new Object[components.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(item, i);
        }
        return values;
    }

    /**
     * Builds a record through its canonical constructor.
     *
     * @param values the values in declaration order; the array is changed in place
     * @return the record
     */
    public T create(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                values[i] = emptyValue(components.get(i).rawType());
            }
        }
        try {
            return type.cast(constructor.invokeExact(values));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies a record with some components changed.
     *
     * @param item    the record
     * @param changes new values by component name; {@code null} values clear a component
     * @return the new record
     */
    public T with(T item, Map<String, ?> changes) {
        Object[] values = values(item);
        changes.forEach((name, value) -> {
            component(name);
            values[position(name)] = value;
        });
        return create(values);
    }

    /**
     * Returns the value a missing component takes in {@link #create}.
     *
     * @param type the component's class
     * @return an empty list, set or map, a primitive's zero, or {@code null}
     */
    public static Object emptyValue(Class<?> type) {
        if (type == List.class) {
            return List.of();
        } else if (type == Set.class) {
            return Set.of();
        } else if (type == Map.class) {
            return Map.of();
        } else if (type == boolean.class) {
            return false;
        } else if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        } else if (type == double.class) {
            return 0d;
        } else if (type == float.class) {
            return 0f;
        } else if (type == short.class) {
            return (short) 0;
        } else if (type == byte.class) {
            return (byte) 0;
        } else if (type == char.class) {
            return (char) 0;
        }
        return null;
    }
}
