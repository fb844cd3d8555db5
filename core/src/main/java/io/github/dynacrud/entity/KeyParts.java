package io.github.dynacrud.entity;

import io.github.dynacrud.ValidationException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * Turns attribute values into key parts, refusing any that could forge another key: an empty value, one containing
 * the {@code #} separator, or one longer than {@value #MAX_LENGTH} bytes in UTF-8 (DynamoDB measures keys in bytes).
 */
public final class KeyParts {
    /** The longest value accepted in one key segment, in bytes of UTF-8. */
    public static final int MAX_LENGTH = 256;

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, boolean.class, Integer.class,
            int.class, Long.class, long.class, BigDecimal.class, LocalDate.class, Instant.class);

    private KeyParts() {
    }

    /**
     * Tells whether values of a type can appear in a key.
     *
     * @param type a record component's type
     * @return {@code true} for strings, booleans, integers, longs, decimals, dates, instants and enums
     */
    public static boolean isKeyType(Class<?> type) {
        return SCALARS.contains(type) || type.isEnum();
    }

    /**
     * Renders a value as a key part and checks it.
     *
     * @param attribute the attribute the value belongs to, named in the violation
     * @param value     the value; {@code null} is refused
     * @return the text that goes into the key
     * @throws ValidationException when the value is missing, empty, too long or contains the separator
     */
    public static String check(String attribute, Object value) {
        if (value == null) {
            throw new ValidationException(attribute, "must not be null");
        }
        // Decimals as DynamoDB stores them (12.50 is 12.5), so a key part reads back the same as it was written.
        String text = value instanceof BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString()
                : value instanceof Enum<?> constant ? constant.name() : value.toString();
        if (text.isEmpty()) {
            throw new ValidationException(attribute, "must not be empty");
        }
        // Below a third of the limit in characters, even three bytes each cannot exceed it.
        if (text.length() > MAX_LENGTH || text.length() > MAX_LENGTH / 3
                && text.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw new ValidationException(attribute, "must be at most " + MAX_LENGTH + " bytes in UTF-8");
        }
        if (text.indexOf(KeyTemplate.SEPARATOR) >= 0) {
            throw new ValidationException(attribute, "must not contain '" + KeyTemplate.SEPARATOR + "'");
        }
        return text;
    }
}
