package io.github.dynacrud.spi;

import io.github.dynacrud.internal.Ulid;

/**
 * Hooks for platforms that snapshot a running JVM and restore copies of it (AWS Lambda SnapStart, CRaC).
 *
 * <pre>{@code
 * @Override
 * public void afterRestore(Context<? extends Resource> context) {
 *     Snapshots.afterRestore();
 * }
 * }</pre>
 */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * Call once after each restore, before the first request: the random state of generated ids is drawn afresh, so
     * copies restored from one snapshot never share it or continue one sequence of ids.
     */
    public static void afterRestore() {
        Ulid.reseed();
    }
}
