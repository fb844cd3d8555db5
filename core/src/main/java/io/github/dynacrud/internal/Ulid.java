package io.github.dynacrud.internal;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Time-ordered identifiers in the ULID format: 48 bits of milliseconds then 80 random bits, as 26 Crockford base32
 * characters. Ids made by one container in the same millisecond are strictly increasing: the random part of the
 * previous id is incremented, as the ULID specification's monotonic mode does (when it would overflow, the time part
 * moves on by one millisecond instead of failing). A new millisecond, or a clock that stepped back, draws fresh random
 * bits: the clock stays the source of the time part.
 *
 * <p>One {@link SecureRandom} serves the container. It is created on first use, never at start-up, and
 * {@link #reseed()} forgets it together with the last id: the Lambda adapter calls that after a SnapStart restore, so
 * copies restored from one snapshot never share a random state or continue one sequence.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long LOW_40_BITS = (1L << 40) - 1;

    private static SecureRandom random;
    private static long lastTime = -1;
    /** The random part of the last id: its high and low 40 bits. */
    private static long lastHigh;
    private static long lastLow;

    private Ulid() {
    }

    /**
     * Makes a new identifier.
     *
     * @param clock the time source
     * @return 26 characters, greater than every id this container made before in the same millisecond
     */
    public static synchronized String next(Clock clock) {
        long time = clock.millis();
        if (time != lastTime) {
            if (random == null) {
                random = new SecureRandom();
            }
            byte[] bytes = new byte[10];
            random.nextBytes(bytes);
            lastTime = time;
            lastHigh = bits(bytes, 0);
            lastLow = bits(bytes, 5);
        } else if (lastLow < LOW_40_BITS) {
            lastLow++;
        } else if (lastHigh < LOW_40_BITS) {
            lastHigh++;
            lastLow = 0;
        } else {
            lastTime++;
            lastHigh = 0;
            lastLow = 0;
        }
        return encode(lastTime, lastHigh, lastLow);
    }

    /** Forgets the random generator and the last id, so the next id starts from fresh randomness. */
    public static synchronized void reseed() {
        random = null;
        lastTime = -1;
        lastHigh = 0;
        lastLow = 0;
    }

    /** Sets the last id's time and random halves, so a test can reach the end of a sequence. */
    static synchronized void continueFrom(long time, long high, long low) {
        lastTime = time;
        lastHigh = high;
        lastLow = low;
    }

    private static long bits(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 5; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    private static String encode(long time, long high, long low) {
        char[] out = new char[26];
        long rest = time;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (rest & 31)];
            rest >>>= 5;
        }
        // 80 random bits as 16 characters of 5 bits each: 8 for each 40-bit half.
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }
}
