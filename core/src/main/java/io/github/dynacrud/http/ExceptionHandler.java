package io.github.dynacrud.http;

/**
 * Turns one type of exception (and its subclasses) into a response; registered with
 * {@link Router.Builder#exception(Class, ExceptionHandler)}.
 *
 * <pre>{@code
 * router.exception(QuotaExceeded.class, (e, request) ->
 *         HttpResponse.problem(Problem.of(429, "quota exceeded", request.requestId())));
 * }</pre>
 *
 * @param <E> the exception type
 */
@FunctionalInterface
public interface ExceptionHandler<E extends Throwable> {
    /**
     * Answers a failed request.
     *
     * @param exception what the handler or a filter threw
     * @param request   the request
     * @return the response to send
     */
    HttpResponse handle(E exception, HttpRequest request);
}
