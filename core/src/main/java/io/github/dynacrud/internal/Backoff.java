package io.github.dynacrud.internal;

import io.github.dynacrud.RetryableException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before another attempt of a request DynamoDB partly refused (unprocessed batch keys, a transaction
 * conflict): exponential with full jitter, so concurrent callers spread out, and a bounded number of attempts.
 * The random draw happens at each pause, never at start-up (a SnapStart snapshot would share it).
 */
public final class Backoff {
    /** The attempts of one request, the first included. */
    public static final int ATTEMPTS = 6;

    private static final long BASE_MILLIS = 10;
    private static final long CAP_MILLIS = 500;

    private Backoff() {
    }

    /**
     * Waits before the attempt after {@code attempt}.
     *
     * @param attempt the attempt that was just refused, from 1
     * @param what    what is retried, for the failure's message
     * @throws RetryableException when that was the last attempt, or the thread is interrupted
     */
    public static void pause(int attempt, String what) {
        if (attempt >= ATTEMPTS) {
            throw new RetryableException(what + " " + ATTEMPTS + " times in a row");
        }
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException(what + ", and the wait before another attempt was interrupted");
        }
    }
}
