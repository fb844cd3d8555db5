package io.github.dynacrud.internal;

import io.github.dynacrud.ValidationException.Violation;
import jakarta.validation.Constraint;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A record's constraints when they are all among the most common built-in ones ({@code @NotNull}, {@code @NotBlank},
 * {@code @NotEmpty}, {@code @Size}, {@code @Min}, {@code @Max}, {@code @Pattern}) on its components, with their default messages and
 * group, on types Hibernate Validator checks them on: checked here with Hibernate Validator's results and messages, so
 * that such a record never bootstraps it (a third of a cold start). Anything else (another or a custom constraint, a
 * custom message, a group, {@code @Valid}, constraints on elements, the record or other methods, an XML configuration
 * or a message bundle of the application's) leaves the record to Hibernate Validator.
 */
final class BuiltInConstraints {
    private static final String VALIDATION_PACKAGE = "jakarta.validation.";
    private static final String HIBERNATE_PACKAGE = "org.hibernate.validator.";
    /** Resources that would change how Hibernate Validator is configured or words its messages. */
    private static final List<String> CONFIGURATION = List.of("META-INF/validation.xml");
    private static final List<String> BUNDLES = List.of("ValidationMessages", "ContributorValidationMessages");
    /** Whether each class loader's resources configure validation: one look per loader, not per record. */
    private static final Map<ClassLoader, Boolean> CONFIGURED = Collections.synchronizedMap(new WeakHashMap<>());

    /** The rules of each constrained component, from its field and the field's type. */
    private final Map<String, List<BuiltInRule>> rules;
    /** How to read the field of each constrained component, which Hibernate Validator checks. */
    private final List<Read> reads;

    private BuiltInConstraints(Map<String, List<BuiltInRule>> rules, List<Read> reads) {
        this.rules = rules;
        this.reads = reads;
    }

    /**
     * Reads a type's constraints.
     *
     * @param type a class
     * @return its constraints, or empty when the type is not a record or Hibernate Validator must check it
     */
    static Optional<BuiltInConstraints> of(Class<?> type) {
        if (!type.isRecord() || applicationConfiguresValidation(type.getClassLoader())
                || carriesValidation(type.getAnnotations()) || interfacesCarryValidation(type)) {
            return Optional.empty();
        }
        Map<String, List<BuiltInRule>> rules = new HashMap<>();
        List<Read> reads = new ArrayList<>();
        try {
            for (RecordComponent component : type.getRecordComponents()) {
                Field field = type.getDeclaredField(component.getName());
                Optional<List<BuiltInRule>> found = rules(field, component.getType());
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                if (!found.get().isEmpty()) {
                    field.setAccessible(true);
                    rules.put(component.getName(), found.get());
                    reads.add(new Read(component.getName(), MethodHandles.lookup().unreflectGetter(field)
                            .asType(MethodType.methodType(Object.class, Object.class)), found.get()));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot access record " + type.getName()
                    + "; make it public, or open its package to dynacrud", e);
        }
        for (Method method : type.getDeclaredMethods()) {
            if (looksLikeGetter(method) ? carriesValidation(method)
                    : !isAccessor(type, method) && carriesValidation(method)) {
                return Optional.empty();
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && carriesValidation(field.getAnnotations())) {
                return Optional.empty();
            }
        }
        return Optional.of(new BuiltInConstraints(rules, List.copyOf(reads)));
    }

    /**
     * Whether Hibernate Validator takes a method for a property's getter, whose constraints it checks: {@code getX()},
     * or {@code isX()} and {@code hasX()} returning a boolean. A record's accessors ({@code title()}) are not getters:
     * the constraints of a component are checked on its field.
     */
    private static boolean looksLikeGetter(Method method) {
        String name = method.getName();
        Class<?> returns = method.getReturnType();
        boolean isBoolean = returns == boolean.class || returns == Boolean.class;
        return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                && (name.startsWith("get") && name.length() > 3 && returns != void.class
                        || (name.startsWith("is") && name.length() > 2 || name.startsWith("has") && name.length() > 3)
                                && isBoolean);
    }

    private static boolean isAccessor(Class<?> type, Method method) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getAccessor().equals(method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks a whole record.
     *
     * @param item a record of the type read
     * @return its violations, in no particular order, possibly repeated
     */
    List<Violation> violations(Object item) {
        List<Violation> found = new ArrayList<>();
        for (Read read : reads) {
            addViolations(read.name(), read.value(item), read.rules(), found);
        }
        return found;
    }

    /**
     * Checks one would-be value of a component.
     *
     * @param attribute the component's name
     * @param value     the value, possibly {@code null}
     * @return its violations, possibly repeated
     */
    List<Violation> violations(String attribute, Object value) {
        List<Violation> found = new ArrayList<>();
        addViolations(attribute, value, rules.getOrDefault(attribute, List.of()), found);
        return found;
    }

    private static void addViolations(String attribute, Object value, List<BuiltInRule> rules, List<Violation> found) {
        for (BuiltInRule rule : rules) {
            if (!rule.allows(value)) {
                found.add(new Violation(attribute, rule.message()));
            }
        }
    }

    /**
     * Tells whether a component carries constraints.
     *
     * @param attribute the component's name
     * @return {@code true} when it does
     */
    boolean constrains(String attribute) {
        return rules.containsKey(attribute);
    }

    /** The rules of a component's field and its type, or empty when one of them is not built in. */
    private static Optional<List<BuiltInRule>> rules(Field field, Class<?> rawType) {
        if (nestsAnnotations(field.getAnnotatedType())) {
            return Optional.empty();
        }
        Set<Annotation> annotations = new LinkedHashSet<>(List.of(field.getAnnotations()));
        annotations.addAll(List.of(field.getAnnotatedType().getAnnotations()));
        List<BuiltInRule> rules = new ArrayList<>();
        for (Annotation annotation : annotations) {
            Optional<BuiltInRule> rule = BuiltInRule.of(annotation, rawType);
            if (rule.isPresent()) {
                rules.add(rule.get());
            } else if (isValidation(annotation)) {
                return Optional.empty();
            }
        }
        return Optional.of(rules);
    }

    /** Reads one value of a record and checks it against its rules. */
    private record Read(String name, MethodHandle reader, List<BuiltInRule> rules) {
        Object value(Object item) {
            try {
                return reader.invokeExact(item);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("reading " + name + " failed", e);
            }
        }
    }

    /** Whether a type holds annotations below its top level: on type arguments, bounds or array elements. */
    private static boolean nestsAnnotations(AnnotatedType type) {
        if (type instanceof AnnotatedParameterizedType parameterized) {
            for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                if (argument.getAnnotations().length > 0 || nestsAnnotations(argument)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof AnnotatedArrayType array) {
            AnnotatedType element = array.getAnnotatedGenericComponentType();
            return element.getAnnotations().length > 0 || nestsAnnotations(element);
        }
        // Wildcards and type variables cannot be a component's top-level type; their bounds could hold constraints.
        return !(type.getType() instanceof Class<?>);
    }

    private static boolean carriesValidation(Method method) {
        if (carriesValidation(method.getAnnotations())
                || carriesValidation(method.getAnnotatedReturnType().getAnnotations())
                || nestsAnnotations(method.getAnnotatedReturnType())) {
            return true;
        }
        for (Annotation[] parameter : method.getParameterAnnotations()) {
            if (carriesValidation(parameter)) {
                return true;
            }
        }
        return false;
    }

    private static boolean interfacesCarryValidation(Class<?> type) {
        for (Class<?> contract : type.getInterfaces()) {
            if (carriesValidation(contract.getAnnotations()) || interfacesCarryValidation(contract)) {
                return true;
            }
            for (Method method : contract.getDeclaredMethods()) {
                if (carriesValidation(method)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean carriesValidation(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (isValidation(annotation)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether Hibernate Validator reads an annotation: one of Bean Validation's or its own, a constraint, or a list
     * of constraints (any annotation whose {@code value} is an array of constraints).
     */
    private static boolean isValidation(Annotation annotation) {
        Class<? extends Annotation> kind = annotation.annotationType();
        if (isValidationType(kind)) {
            return true;
        }
        try {
            Class<?> value = kind.getMethod("value").getReturnType();
            return value.isArray() && value.getComponentType().isAnnotation()
                    && isValidationType(value.getComponentType());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean isValidationType(Class<?> kind) {
        String name = kind.getName();
        return name.startsWith(VALIDATION_PACKAGE) || name.startsWith(HIBERNATE_PACKAGE)
                || kind.isAnnotationPresent(Constraint.class);
    }

    /**
     * Whether the application has a validation.xml or a message bundle of its own: Hibernate Validator reads
     * {@code ValidationMessages} for English, for the machine's language, and then its own; contributors' bundles
     * come first.
     */
    private static boolean applicationConfiguresValidation(ClassLoader loader) {
        return CONFIGURED.computeIfAbsent(loader != null ? loader : ClassLoader.getSystemClassLoader(),
                BuiltInConstraints::findsConfiguration);
    }

    static boolean findsConfiguration(ClassLoader classes) {
        for (String resource : CONFIGURATION) {
            if (classes.getResource(resource) != null) {
                return true;
            }
        }
        Locale machine = Locale.getDefault();
        List<String> suffixes = List.of("", "_en", "_" + machine.getLanguage(), "_" + machine);
        for (String bundle : BUNDLES) {
            for (String suffix : suffixes) {
                if (classes.getResource(bundle + suffix + ".properties") != null
                        || classes.getResource(bundle + suffix + ".class") != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
