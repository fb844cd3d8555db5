package io.github.dynacrud.http;

import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.DynacrudException;
import io.github.dynacrud.IdempotencyKeyInUseException;
import io.github.dynacrud.RetryableException;
import io.github.dynacrud.ValidationException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns whatever a route threw into one response: the user's handlers first, matched by class hierarchy, then
 * dynacrud's own failures by their status, then a 500 that names only the request id. Server failures are logged
 * once; no exception message reaches a 5xx body.
 */
final class ProblemMapper {
    /** Seconds a client should wait before retrying after a 503. */
    static final String RETRY_AFTER_SECONDS = "1";

    /** Built on the first server failure: getting a logger starts java.util.logging, 30 classes at start-up. */
    private static final class Log {
        static final System.Logger ROUTER = System.getLogger("io.github.dynacrud.http.Router");
    }

    private final Map<Class<? extends Throwable>, ExceptionHandler<? extends Throwable>> handlers;

    /**
     * Creates a mapper.
     *
     * @param handlers the user's handlers by exception type
     */
    ProblemMapper(Map<Class<? extends Throwable>, ExceptionHandler<? extends Throwable>> handlers) {
        this.handlers = new LinkedHashMap<>(handlers);
    }

    /**
     * Answers a failed request.
     *
     * @param failure what was thrown
     * @param request the request
     * @return the response
     */
    HttpResponse toResponse(Throwable failure, HttpRequest request) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            ExceptionHandler<? extends Throwable> handler = handlers.get(type);
            if (handler != null) {
                try {
                    HttpResponse response = call(handler, failure, request);
                    return response != null ? response
                            : unexpected(new IllegalStateException("the handler of " + type.getName()
                                    + " returned no response", failure), request);
                } catch (RuntimeException | Error handlerFailure) {
                    return unexpected(handlerFailure, request);
                }
            }
        }
        if (failure instanceof DynacrudException known) {
            return known(known, request);
        }
        return unexpected(failure, request);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> HttpResponse call(ExceptionHandler<E> handler, Throwable failure,
            HttpRequest request) {
        return handler.handle((E) failure, request);
    }

    private static HttpResponse known(DynacrudException failure, HttpRequest request) {
        int status = failure.status();
        if (status >= 500) {
            Log.ROUTER.log(Level.WARNING, "request " + request.requestId() + " failed: " + failure.getMessage());
            HttpResponse response = HttpResponse.problem(Problem.of(status, null, request.requestId()));
            return failure instanceof RetryableException
                    ? response.withHeader("Retry-After", RETRY_AFTER_SECONDS) : response;
        }
        Problem problem = Problem.of(status, failure.getMessage(), request.requestId());
        if (failure instanceof ValidationException validation) {
            problem = problem.withErrors(validation.violations().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.message())).toList());
        } else if (failure instanceof BadRequestException bad && bad.field().isPresent()) {
            problem = problem.withErrors(List.of(new Problem.FieldError(bad.field().get(), bad.reason())));
        }
        HttpResponse response = HttpResponse.problem(problem);
        if (failure instanceof IdempotencyKeyInUseException) {
            return response.withHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        return status == 401 ? response.withHeader("WWW-Authenticate", "Bearer") : response;
    }

    private static HttpResponse unexpected(Throwable failure, HttpRequest request) {
        Log.ROUTER.log(Level.ERROR, "request " + request.requestId() + " failed unexpectedly", failure);
        return HttpResponse.problem(Problem.of(500, "an unexpected error occurred; quote the instance when reporting it",
                request.requestId()));
    }
}
