package io.github.dynacrud.http;

import io.github.dynacrud.ForbiddenException;
import io.github.dynacrud.UnauthorizedException;
import java.util.Objects;
import java.util.Set;

/**
 * Wraps handlers so they run only for authenticated callers (else 401) holding the required scopes (else 403). The
 * wrapped handler keeps what it requires, so the router's {@linkplain OpenApi OpenAPI document} lists the route's
 * bearer security and scopes from the check that enforces them.
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
        return new Guard(Objects.requireNonNull(handler, "handler"), Set.of(scopes));
    }

    /**
     * A handler that runs for authenticated callers with some scopes only.
     *
     * @param handler the protected handler
     * @param scopes  the scopes required, possibly none
     */
    record Guard(Handler handler, Set<String> scopes) implements Handler {
        @Override
        public HttpResponse handle(HttpRequest request) throws Exception {
            check(request, scopes);
            return handler.handle(request);
        }
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
