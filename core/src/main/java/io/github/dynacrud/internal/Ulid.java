package io.github.dynacrud.internal;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Time-ordered identifiers in the ULID format: 48 bits of milliseconds then 80 random bits, as 26 Crockford base32
 * characters. The randomness is drawn when an id is made, never at start-up, so restored snapshots never repeat ids.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ulid() {
    }

    /**
     * Makes a new identifier.
     *
     * @param clock the time source
     * @return 26 characters that sort in creation order across milliseconds
     */
    public static String next(Clock clock) {
        byte[] random = new byte[10];
        new SecureRandom().nextBytes(random);
        long time = clock.millis();
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits as 16 characters of 5 bits each.
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
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
