package io.github.dynacrud.internal;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import io.github.dynacrud.entity.KeyTemplate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's limits on item data, checked before a request is sent so that input DynamoDB would refuse is a
 * {@link ValidationException} naming the attribute rather than a failed request: items of at most 400 KB, numbers of
 * at most 38 significant digits with a magnitude from 1E-130 to 9.9999999999999999999999999999999999999E+125, keys of
 * at most 2048 (partition) and 1024 (sort) bytes of UTF-8, at most 32 levels of nesting (the item itself is the
 * first), no empty set, no empty map key and no number twice in a number set.
 *
 * <p>Sizes follow DynamoDB's documented rules: attribute names and strings by their UTF-8 bytes, a number one byte
 * per two significant digits plus one, a boolean or null one byte, a list or map three bytes plus one per element.
 */
public final class ItemLimits {
    /** DynamoDB's largest item, in bytes. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;
    /** DynamoDB's longest partition key value, in bytes of UTF-8. */
    public static final int MAX_PARTITION_KEY_BYTES = 2048;
    /** DynamoDB's longest sort key value, in bytes of UTF-8. */
    public static final int MAX_SORT_KEY_BYTES = 1024;
    /** DynamoDB's deepest nesting, the item itself being the first level. */
    public static final int MAX_DEPTH = 32;
    /** The message of a number DynamoDB cannot hold. */
    public static final String NUMBER_MESSAGE = "must have at most 38 significant digits and a magnitude from 1E-130"
            + " to 9.9999999999999999999999999999999999999E+125";
    /** The message of an item larger than DynamoDB holds. */
    public static final String SIZE_MESSAGE = "makes the item larger than DynamoDB's limit of 400 KB";

    private static final int MAX_DIGITS = 38;
    private static final int MIN_EXPONENT = -130;
    private static final int MAX_EXPONENT = 125;

    private ItemLimits() {
    }

    /**
     * Checks a whole item as it will be written, or the attributes an update sets (with the item's key): their size
     * is then a lower bound of the item's, which only DynamoDB knows.
     *
     * @param item the item's attributes
     * @throws ValidationException with one violation per attribute at fault; for the size, the largest attribute
     */
    public static void checkItem(Map<String, AttributeValue> item) {
        List<Violation> violations = checkValues(item);
        if (violations.isEmpty() && size(item) > MAX_ITEM_BYTES) {
            violations.add(new Violation(largest(item), SIZE_MESSAGE));
        }
        throwIfAny(violations);
    }

    /**
     * Checks a rendered key's length.
     *
     * @param template the template it was rendered from, whose placeholders the violation names
     * @param key      the rendered key
     * @param maxBytes {@link #MAX_PARTITION_KEY_BYTES} or {@link #MAX_SORT_KEY_BYTES}
     * @return the key
     * @throws ValidationException naming each placeholder of the template when the key is too long
     */
    public static String checkKey(KeyTemplate template, String key, int maxBytes) {
        if (key.length() * 3L <= maxBytes || utf8Length(key) <= maxBytes) {
            return key;
        }
        throw new ValidationException(template.attributes().stream()
                .map(attribute -> new Violation(attribute, "makes a key longer than DynamoDB's limit of " + maxBytes
                        + " bytes"))
                .toList());
    }

    /**
     * Returns the number of bytes of a text in UTF-8, counting an unpaired surrogate as three.
     *
     * @param text the text
     * @return its length in bytes
     */
    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Returns an item's size as DynamoDB documents it.
     *
     * @param item the item's attributes
     * @return its size in bytes
     */
    public static long size(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8Length(attribute.getKey()) + size(attribute.getValue());
        }
        return size;
    }

    private static long size(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8Length(value.s());
            case N -> numberSize(value.n());
            case B -> value.b().asByteArrayUnsafe().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemLimits::utf8Length).sum();
            case NS -> value.ns().stream().mapToLong(ItemLimits::numberSize).sum();
            case BS -> value.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + size(element)).sum();
            case M -> 3 + value.m().size() + size(value.m());
            default -> 0;
        };
    }

    private static long numberSize(String number) {
        BigDecimal decimal = parse(number);
        return decimal == null ? number.length() : (decimal.stripTrailingZeros().precision() + 1) / 2 + 1;
    }

    private static List<Violation> checkValues(Map<String, AttributeValue> item) {
        List<Violation> violations = new ArrayList<>();
        item.forEach((name, value) -> {
            String problem = problem(value, 1);
            if (problem != null) {
                violations.add(new Violation(name, problem));
            }
        });
        return violations;
    }

    /** What is wrong with a value at some depth below the item, or {@code null}. */
    private static String problem(AttributeValue value, int depth) {
        switch (value.type()) {
            case N:
                return isStorable(value.n()) ? null : NUMBER_MESSAGE;
            case SS:
            case BS:
                return isEmpty(value) ? "must not be an empty set" : null;
            case NS:
                return numberSetProblem(value.ns());
            case L:
                return containerProblem(value.l(), depth);
            case M:
                if (value.m().containsKey("")) {
                    return "must not have an empty key";
                }
                return containerProblem(value.m().values(), depth);
            default:
                return null;
        }
    }

    private static String containerProblem(Iterable<AttributeValue> elements, int depth) {
        if (depth + 1 > MAX_DEPTH) {
            return "must not nest deeper than DynamoDB's " + MAX_DEPTH + " levels";
        }
        for (AttributeValue element : elements) {
            String problem = problem(element, depth + 1);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String numberSetProblem(List<String> numbers) {
        if (numbers.isEmpty()) {
            return "must not be an empty set";
        }
        Set<BigDecimal> seen = new HashSet<>();
        for (String number : numbers) {
            if (!isStorable(number)) {
                return NUMBER_MESSAGE;
            }
            if (!seen.add(parse(number).stripTrailingZeros())) {
                return "must not hold the same number twice";
            }
        }
        return null;
    }

    private static boolean isEmpty(AttributeValue set) {
        return set.hasSs() ? set.ss().isEmpty() : set.bs().isEmpty();
    }

    /**
     * Tells whether DynamoDB can hold a number.
     *
     * @param number a number as DynamoDB receives it, such as {@code "1.0E200"}
     * @return {@code true} when it has at most 38 significant digits and its magnitude is zero or within range
     */
    public static boolean isStorable(String number) {
        BigDecimal decimal = parse(number);
        if (decimal == null) {
            return false;
        }
        if (decimal.signum() == 0) {
            return true;
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        long exponent = (long) stripped.precision() - stripped.scale() - 1;
        return stripped.precision() <= MAX_DIGITS && exponent >= MIN_EXPONENT && exponent <= MAX_EXPONENT;
    }

    private static BigDecimal parse(String number) {
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String largest(Map<String, AttributeValue> item) {
        String largest = null;
        long largestSize = -1;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            long size = utf8Length(attribute.getKey()) + size(attribute.getValue());
            if (size > largestSize) {
                largest = attribute.getKey();
                largestSize = size;
            }
        }
        return largest;
    }

    private static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

}
