package io.github.dynacrud.lambda.logging.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/**
 * One JSON object written on one line: keys in the order they are put, the first value of a key kept, every string
 * escaped so that no line break of a message or a stack trace splits the line.
 */
final class JsonLine {
    private final StringBuilder text = new StringBuilder(320).append('{');
    private final Set<String> keys = new HashSet<>();
    private final Set<String> reserved = new HashSet<>();

    /**
     * Keeps a key for {@link #put(String, JsonLine)}: values put under it before are dropped.
     *
     * @param key the key
     * @return this line
     */
    JsonLine reserve(String key) {
        reserved.add(key);
        return this;
    }

    /**
     * Adds a key unless the line has it already.
     *
     * @param key   the key
     * @param value a string, number, boolean or {@code null}; anything else is written as its {@code toString()}
     * @return this line
     */
    JsonLine put(String key, Object value) {
        if (reserved.contains(key) || !key(key)) {
            return this;
        }
        if (value == null || value instanceof Boolean || isPlainNumber(value)) {
            text.append(value);
        } else {
            string(String.valueOf(value));
        }
        return this;
    }

    /**
     * Adds an object value built by the caller unless the line has the key already; a reserved key too.
     *
     * @param key    the key
     * @param object the nested object
     * @return this line
     */
    JsonLine put(String key, JsonLine object) {
        if (key(key)) {
            text.append(object.text).append('}');
        }
        return this;
    }

    /** Writes a new key and its colon; {@code false} when the line has the key already. */
    private boolean key(String key) {
        if (!keys.add(key)) {
            return false;
        }
        if (keys.size() > 1) {
            text.append(',');
        }
        string(key);
        text.append(':');
        return true;
    }

    /** @return the object and a line break */
    String end() {
        return text.append("}\n").toString();
    }

    /**
     * Writes an instant as Powertools does, in UTC with milliseconds: {@code 2026-01-01T12:00:00.123Z}. By hand, as
     * {@code DateTimeFormatter} would load a hundred classes into a function's cold start.
     *
     * @param epochMillis milliseconds since the epoch
     * @return the timestamp
     */
    static String timestamp(long epochMillis) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(24);
        pad(out, time.getYear(), 4).append('-');
        pad(out, time.getMonthValue(), 2).append('-');
        pad(out, time.getDayOfMonth(), 2).append('T');
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2).append('.');
        return pad(out, (int) Math.floorMod(epochMillis, 1000), 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    /** Integers, and finite decimals; {@code NaN} and infinities are no JSON numbers. */
    private static boolean isPlainNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof Double d && Double.isFinite(d) || value instanceof Float f && Float.isFinite(f);
    }

    /** Copies runs of plain characters whole: most keys and values have nothing to escape. */
    private void string(String value) {
        text.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') {
                text.append(value, plainFrom, i);
                escape(c);
                plainFrom = i + 1;
            }
        }
        text.append(value, plainFrom, value.length()).append('"');
    }

    private void escape(char c) {
        switch (c) {
            case '"' -> text.append("\\\"");
            case '\\' -> text.append("\\\\");
            case '\n' -> text.append("\\n");
            case '\r' -> text.append("\\r");
            case '\t' -> text.append("\\t");
            default -> text.append(String.format("\\u%04x", (int) c));
        }
    }
}
