package io.github.dynacrud.table;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose items an operation may see and write. For an owner-scoped entity the owner id comes from the authenticated
 * caller (such as a JWT's {@code sub}), never from a request body, query or path; items of other owners do not exist
 * for that caller.
 *
 * <pre>{@code
 * Scope scope = Scope.owner(principal.subject());
 * todos.get(scope, id);
 * }</pre>
 */
public final class Scope {
    private static final Scope UNSCOPED = new Scope(null);

    private final String ownerId;

    private Scope(String ownerId) {
        this.ownerId = ownerId;
    }

    /**
     * The scope of one owner.
     *
     * @param ownerId the caller's id, such as a JWT subject
     * @return the scope
     */
    public static Scope owner(String ownerId) {
        return new Scope(Objects.requireNonNull(ownerId, "ownerId"));
    }

    /**
     * No owner: for entities that are not owner-scoped, such as a users directory.
     *
     * @return the scope without owner
     */
    public static Scope unscoped() {
        return UNSCOPED;
    }

    /**
     * Returns the owner's id.
     *
     * @return the owner id, or empty for {@link #unscoped()}
     */
    public Optional<String> ownerId() {
        return Optional.ofNullable(ownerId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scope scope && Objects.equals(ownerId, scope.ownerId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(ownerId);
    }

    @Override
    public String toString() {
        return ownerId == null ? "Scope[unscoped]" : "Scope[owner]";
    }
}
