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
 *
 * <p>Keys compare as strings, so values that have an order are rendered at a fixed width that sorts as they do:
 * <ul>
 *   <li>an {@link Instant} always with nine fraction digits, {@code 2026-12-01T09:45:00.500000000Z}, and only in the
 *       years 0000 to 9999;
 *   <li>an {@code int} or {@code long} as 19 zero-padded digits, {@code 0000000000000000042}, and a negative one as
 *       {@code -} and the 19 digits of the value plus 2<sup>63</sup>, {@code -9223372036854775807} for -1, so negatives
 *       sort before zero and among themselves by value;
 *   <li>a {@link BigDecimal} plainly, without trailing zeros: it has no fixed width, so entities refuse it in sort
 *       keys.
 * </ul>
 *
 * <pre>{@code
 * KeyParts.check("priority", 42);                                  // "0000000000000000042"
 * KeyParts.check("at", Instant.parse("2026-12-01T09:45:00Z"));     // "2026-12-01T09:45:00.000000000Z"
 * }</pre>
 */
public final class KeyParts {
    /** The longest value accepted in one key segment, in bytes of UTF-8. */
    public static final int MAX_LENGTH = 256;

    /** The width of a rendered {@code int} or {@code long}, without the sign of a negative one. */
    private static final int DIGITS = 19;

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
                : value instanceof Enum<?> constant ? constant.name()
                : value instanceof Integer || value instanceof Long ? sortable(((Number) value).longValue())
                : value instanceof Instant instant ? sortable(attribute, instant) : value.toString();
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

    private static String sortable(long number) {
        String digits = Long.toString(number < 0 ? number - Long.MIN_VALUE : number);
        return (number < 0 ? "-" : "") + "0".repeat(DIGITS - digits.length()) + digits;
    }

    private static String sortable(String attribute, Instant instant) {
        // Instant.toString gives 0, 3, 6 or 9 fraction digits; four-digit years start with a digit and have '-' at 4.
        String text = instant.toString();
        if (!Character.isDigit(text.charAt(0)) || text.charAt(4) != '-') {
            throw new ValidationException(attribute, "must be in the years 0000 to 9999");
        }
        int dot = text.indexOf('.');
        String fraction = dot < 0 ? "" : text.substring(dot + 1, text.length() - 1);
        return text.substring(0, 19) + '.' + fraction + "0".repeat(9 - fraction.length()) + 'Z';
    }
}
