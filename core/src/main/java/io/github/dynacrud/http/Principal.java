package io.github.dynacrud.http;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller, as API Gateway's authorizer (JWT, Lambda or IAM) vouches for it: a subject, the claims
 * and the scopes.
 *
 * @param subject the caller's id, such as a JWT {@code sub} or an IAM {@code userId}
 * @param claims  every claim, as strings (an IAM caller's identity fields, such as {@code accountId})
 * @param scopes  the granted OAuth scopes
 */
public record Principal(String subject, Map<String, String> claims, Set<String> scopes) {
    /** Copies the collections and checks that the subject is present. */
    public Principal {
        Objects.requireNonNull(subject, "subject");
        claims = Map.copyOf(claims);
        scopes = Set.copyOf(scopes);
    }

    /**
     * Makes a principal with a subject only.
     *
     * @param subject the caller's id
     * @return the principal
     */
    public static Principal of(String subject) {
        return new Principal(subject, Map.of("sub", subject), Set.of());
    }

    /**
     * Returns one claim.
     *
     * @param name the claim name, such as {@code "email"}
     * @return its value, or empty when the token does not carry it
     */
    public Optional<String> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    /**
     * Tells whether the caller was granted every scope given.
     *
     * @param required the scopes a route requires
     * @return {@code true} when all are granted
     */
    public boolean hasScopes(Set<String> required) {
        return scopes.containsAll(required);
    }
}
