package io.github.dynacrud.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads and writes the ISO-8601 forms dynacrud stores and serves, {@code 2026-12-01T09:45:00.456Z} and
 * {@code 2026-12-24}, without {@code DateTimeFormatter}, whose general machinery costs a warm request more than the
 * rest of its mapping. Only the plain form is handled here: anything else (offsets, signed or five-digit years, leap
 * seconds, bad values) goes to {@link Instant#parse}, {@link Instant#toString} or {@link LocalDate#parse}, so every
 * result and every failure is exactly theirs.
 */
public final class IsoTime {
    private static final int SECONDS_PER_DAY = 86_400;
    /** {@code 0000-01-01T00:00:00Z} and {@code 10000-01-01T00:00:00Z}: the instants with four-digit years. */
    private static final long FIRST_PLAIN_SECOND = -62_167_219_200L;
    private static final long END_OF_PLAIN_SECONDS = 253_402_300_800L;
    private static final int[] FRACTION_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
        10, 1};

    /** What {@link #epochDayOfPrefix} answers for text that is not a valid date: no plain date is that far. */
    private static final long NO_DAY = Long.MIN_VALUE;
    /** From 0000-01-01 to 1970-01-01. */
    private static final long DAYS_0000_TO_1970 = 719_528;
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private IsoTime() {
    }

    /**
     * Parses an instant as {@link Instant#parse} does.
     *
     * @param text such as {@code 2026-12-01T09:45:00.456Z}
     * @return the instant
     * @throws java.time.format.DateTimeParseException as {@link Instant#parse} throws it
     */
    public static Instant parseInstant(String text) {
        Instant fast = plainInstant(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /**
     * Parses a date as {@link LocalDate#parse(CharSequence)} does.
     *
     * @param text such as {@code 2026-12-24}
     * @return the date
     * @throws java.time.format.DateTimeParseException as {@link LocalDate#parse(CharSequence)} throws it
     */
    public static LocalDate parseDate(String text) {
        LocalDate fast = plainDate(text);
        return fast != null ? fast : LocalDate.parse(text);
    }

    /**
     * Formats an instant as {@link Instant#toString()} does.
     *
     * @param instant the instant
     * @return its ISO-8601 form, with 0, 3, 6 or 9 fraction digits
     */
    public static String format(Instant instant) {
        if (instant.getEpochSecond() < FIRST_PLAIN_SECOND || instant.getEpochSecond() >= END_OF_PLAIN_SECONDS) {
            return instant.toString();
        }
        // The date from its epoch day, the time of day by arithmetic: no LocalDateTime and LocalTime per instant.
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(instant.getEpochSecond(), SECONDS_PER_DAY);
        int nanos = instant.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        // ASCII in bytes: a String takes them as its Latin-1 value with one copy, where chars need compressing.
        byte[] text = new byte[fractionDigits == 0 ? 20 : 21 + fractionDigits];
        digits(text, 0, 4, date.getYear());
        text[4] = '-';
        digits(text, 5, 2, date.getMonthValue());
        text[7] = '-';
        digits(text, 8, 2, date.getDayOfMonth());
        text[10] = 'T';
        digits(text, 11, 2, secondOfDay / 3600);
        text[13] = ':';
        digits(text, 14, 2, secondOfDay / 60 % 60);
        text[16] = ':';
        digits(text, 17, 2, secondOfDay % 60);
        if (fractionDigits > 0) {
            text[19] = '.';
            digits(text, 20, fractionDigits, nanos / FRACTION_SCALE[fractionDigits]);
        }
        text[text.length - 1] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, from {@code offset}. */
    private static void digits(byte[] text, int offset, int width, int value) {
        int rest = value;
        for (int i = offset + width - 1; i >= offset; i--) {
            text[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /**
     * Reads the plain form of an instant.
     *
     * @param text any text
     * @return the instant of {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid fields, else {@code null}
     */
    static Instant plainInstant(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        long epochDay = epochDayOfPrefix(text);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (epochDay == NO_DAY || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = number(text, 20, length - 1);
            if (text.charAt(19) != '.' || fraction < 0) {
                return null;
            }
            nanos = fraction * FRACTION_SCALE[length - 21];
        }
        long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /**
     * Reads the plain form of a date.
     *
     * @param text any text
     * @return the date of {@code uuuu-MM-dd} with a valid day, else {@code null}
     */
    static LocalDate plainDate(String text) {
        return text.length() == 10 ? datePrefix(text) : null;
    }

    /** {@code uuuu-MM-dd} at the start of a text of 10 characters or more, with a valid day, or {@code null}. */
    private static LocalDate datePrefix(String text) {
        return epochDayOfPrefix(text) == NO_DAY ? null
                : LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
    }

    /**
     * The day since 1970-01-01 of {@code uuuu-MM-dd} at the start of a text of 10 characters or more, with a valid
     * day, or {@link #NO_DAY}; counted by hand, as an instant needs no {@code LocalDate}.
     */
    private static long epochDayOfPrefix(String text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-') {
            return NO_DAY;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        boolean leap = Year.isLeap(year);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(leap)) {
            return NO_DAY;
        }
        // Years 0 to 9999: 365 days each, plus one for each leap year before this one.
        long leapYearsBefore = year == 0 ? 0 : (year - 1) / 4 - (year - 1) / 100 + (year - 1) / 400 + 1;
        long dayOfYear = DAYS_BEFORE_MONTH[month - 1] + (leap && month > 2 ? 1 : 0) + day - 1;
        return 365L * year + leapYearsBefore + dayOfYear - DAYS_0000_TO_1970;
    }

    /** The decimal digits in {@code [from, to)} as a number, or -1 when any is not an ASCII digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
