package io.github.dynacrud.http;

import io.github.dynacrud.ForbiddenException;
import io.github.dynacrud.UnauthorizedException;
import java.util.Set;

/**
 * Wraps handlers so they run only for authenticated callers (else 401) holding the required scopes (else 403).
 *
 * <pre>{@code
 * router.delete("/users/{id}", Access.scopes(deleteUser, "users:admin"));
 * }</pre>
 */
public final class Access {
    private Access() {
    }

    /**
     * Requires an authenticated caller.
     *
     * @param handler the handler to protect
     * @return a handler that answers 401 without a principal
     */
    public static Handler authenticated(Handler handler) {
        return scopes(handler);
    }

    /**
     * Requires an authenticated caller with every given scope.
     *
     * @param handler the handler to protect
     * @param scopes  the scopes required, such as {@code "todos:write"}
     * @return a handler that answers 401 without a principal and 403 without the scopes
     */
    public static Handler scopes(Handler handler, String... scopes) {
        Set<String> required = Set.of(scopes);
        return request -> {
            check(request, required);
            return handler.handle(request);
        };
    }

    /**
     * Checks a request's caller.
     *
     * @param request  the request
     * @param required the scopes required, possibly none
     * @return the caller
     * @throws UnauthorizedException without a principal
     * @throws ForbiddenException    when a scope is missing
     */
    public static Principal check(HttpRequest request, Set<String> required) {
        Principal principal = request.principal().orElseThrow(() ->
                new UnauthorizedException("this route needs an authenticated caller"));
        if (!principal.hasScopes(required)) {
            throw new ForbiddenException("this route needs the scopes " + required.stream().sorted().toList());
        }
        return principal;
    }
}
