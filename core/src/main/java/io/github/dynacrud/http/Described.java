package io.github.dynacrud.http;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A handler of a custom route with what the router's {@linkplain OpenApi OpenAPI document} says of it: a summary, the
 * JSON it reads and answers, the problems it gives. The document never guesses what a handler does: an undescribed
 * custom route appears with its method, its path parameters, the security of an {@link Access} check and a
 * {@code default} response without a schema. Security comes from {@link Access}, which enforces it, whichever wraps
 * the other. Each call returns a new, immutable handler; a mistake (a status given twice, a handler described twice)
 * is refused when it is made.
 *
 * <pre>{@code
 * router.post("/todos/{id}/archive", Access.scopes(Described.handler(archive)
 *         .summary("Archives a todo")
 *         .request(ArchiveRequest.class)
 *         .response(200, Todo.class)
 *         .problem(404, "the todo does not exist"), "todos:write"));
 * }</pre>
 */
public final class Described implements Handler {
    private static final Pattern OPERATION_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Handler handler;
    private String summary;
    private String description;
    private String operationId;
    private List<String> tags = List.of();
    private Type request;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, QueryParameter> queryParameters = new LinkedHashMap<>();
    private final Map<Integer, Optional<Type>> responses = new TreeMap<>();
    private final Map<Integer, String> problems = new TreeMap<>();

    private Described(Handler handler) {
        this.handler = handler;
    }

    private Described(Described from) {
        this(from.handler);
        summary = from.summary;
        description = from.description;
        operationId = from.operationId;
        tags = from.tags;
        request = from.request;
        pathParameters.putAll(from.pathParameters);
        queryParameters.putAll(from.queryParameters);
        responses.putAll(from.responses);
        problems.putAll(from.problems);
    }

    /**
     * Starts the description of a handler, which answers requests as before.
     *
     * @param handler the handler, possibly wrapped by {@link Access}
     * @return the handler, described by nothing yet
     * @throws IllegalArgumentException when the handler is described already, maybe under an {@link Access} check
     */
    public static Described handler(Handler handler) {
        if (HandlerFacts.of(Objects.requireNonNull(handler, "handler")).described().isPresent()) {
            throw new IllegalArgumentException("this handler is described already; describe it once");
        }
        return new Described(handler);
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        return handler.handle(request);
    }

    /**
     * Sets the operation's summary.
     *
     * @param text one short line, such as {@code "Archives a todo"}
     * @return the handler so described
     */
    public Described summary(String text) {
        Described copy = new Described(this);
        copy.summary = text(text, "summary");
        return copy;
    }

    /**
     * Sets the operation's description.
     *
     * @param text what the route does, CommonMark allowed
     * @return the handler so described
     */
    public Described description(String text) {
        Described copy = new Described(this);
        copy.description = text(text, "description");
        return copy;
    }

    /**
     * Sets the operation's id, instead of one made of the method and the path ({@code getAdminStats} for
     * {@code GET /admin/stats}); the router refuses, when it is built, an id that another route declares.
     *
     * @param id letters, digits and {@code _}, starting with a letter, such as {@code "archiveTodo"}
     * @return the handler so described
     */
    public Described operationId(String id) {
        if (id == null || !OPERATION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("operation id '" + id + "' must be letters, digits or '_', starting"
                    + " with a letter");
        }
        Described copy = new Described(this);
        copy.operationId = id;
        return copy;
    }

    /**
     * Groups the operation under tags, as the resources are grouped under their entity's type.
     *
     * @param names such as {@code "Todo"}
     * @return the handler so described
     */
    public Described tags(String... names) {
        List<String> checked = new ArrayList<>();
        for (String name : names) {
            String tag = text(name, "tag");
            if (checked.contains(tag)) {
                throw new IllegalArgumentException("tag '" + tag + "' is given twice");
            }
            checked.add(tag);
        }
        Described copy = new Described(this);
        copy.tags = List.copyOf(checked);
        return copy;
    }

    /**
     * Says what a parameter of the route's path names; the router refuses, when it is built, a name its template does
     * not have.
     *
     * @param name        a parameter of the template, such as {@code "id"} for {@code /todos/{id}/archive}
     * @param description what it names, such as {@code "the todo's id"}
     * @return the handler so described
     * @throws IllegalArgumentException when the parameter is described already
     */
    public Described pathParameter(String name, String description) {
        if (pathParameters.containsKey(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("path parameter '" + name + "' is described already");
        }
        Described copy = new Described(this);
        copy.pathParameters.put(name, text(description, "description of path parameter '" + name + "'"));
        return copy;
    }

    /**
     * Declares an optional parameter of the query string the route reads.
     *
     * @param name        such as {@code "since"}
     * @param type        its value's type, such as {@code LocalDate.class}
     * @param description what it does
     * @return the handler so described
     * @throws IllegalArgumentException when the parameter is declared already
     */
    public Described queryParameter(String name, Type type, String description) {
        if (queryParameters.containsKey(text(name, "query parameter's name"))) {
            throw new IllegalArgumentException("query parameter '" + name + "' is declared already");
        }
        Described copy = new Described(this);
        copy.queryParameters.put(name, new QueryParameter(Objects.requireNonNull(type, "type"),
                text(description, "description of query parameter '" + name + "'")));
        return copy;
    }

    /**
     * Declares the JSON body the route reads, as {@code application/json}; the route then lists the 413 the router
     * answers to a body over its limit.
     *
     * @param type such as {@code ArchiveRequest.class}, or a generic type such as
     *             {@code new TypeReference<List<Todo>>() {}.getType()}
     * @return the handler so described
     * @throws IllegalArgumentException when a body is declared already
     */
    public Described request(Type type) {
        if (request != null) {
            throw new IllegalArgumentException("the request body is declared already, as " + request.getTypeName());
        }
        Described copy = new Described(this);
        copy.request = Objects.requireNonNull(type, "request type");
        return copy;
    }

    /**
     * Declares a response with a JSON body.
     *
     * @param status a 1xx, 2xx or 3xx status, such as 200
     * @param type   the body's type, such as {@code Todo.class}
     * @return the handler so described
     * @throws IllegalArgumentException when the status is not below 400 or is declared already
     */
    public Described response(int status, Type type) {
        return withResponse(status, Optional.of(Objects.requireNonNull(type, "response type")));
    }

    /**
     * Declares a response without a body, such as 204.
     *
     * @param status a 1xx, 2xx or 3xx status
     * @return the handler so described
     * @throws IllegalArgumentException when the status is not below 400 or is declared already
     */
    public Described response(int status) {
        return withResponse(status, Optional.empty());
    }

    private Described withResponse(int status, Optional<Type> type) {
        if (status < 100 || status > 399) {
            throw new IllegalArgumentException("response status " + status + " must be from 100 to 399; declare"
                    + " errors with problem(status, description)");
        }
        if (responses.containsKey(status)) {
            throw new IllegalArgumentException("response " + status + " is declared already");
        }
        Described copy = new Described(this);
        copy.responses.put(status, type);
        return copy;
    }

    /**
     * Declares an error the route gives, as an {@code application/problem+json} body; the 401 and 403 of an
     * {@link Access} check, the 413 of a declared body and the 500 of an unexpected failure are listed without it.
     *
     * @param status      a 4xx or 5xx status, such as 404
     * @param description when the route gives it, such as {@code "the todo does not exist"}
     * @return the handler so described
     * @throws IllegalArgumentException when the status is not from 400 to 599 or is declared already
     */
    public Described problem(int status, String description) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status " + status + " must be from 400 to 599");
        }
        if (problems.containsKey(status)) {
            throw new IllegalArgumentException("problem " + status + " is declared already");
        }
        Described copy = new Described(this);
        copy.problems.put(status, text(description, "problem " + status + "'s description"));
        return copy;
    }

    private static String text(String text, String what) {
        if (Objects.requireNonNull(text, what).isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be blank");
        }
        return text;
    }

    /** @return the handler it describes */
    Handler handler() {
        return handler;
    }

    Optional<String> summary() {
        return Optional.ofNullable(summary);
    }

    Optional<String> description() {
        return Optional.ofNullable(description);
    }

    Optional<String> operationId() {
        return Optional.ofNullable(operationId);
    }

    List<String> tags() {
        return tags;
    }

    Optional<Type> request() {
        return Optional.ofNullable(request);
    }

    /** @return the described path parameters, by name */
    Map<String, String> pathParameters() {
        return Collections.unmodifiableMap(pathParameters);
    }

    /** @return the declared query parameters, by name */
    Map<String, QueryParameter> queryParameters() {
        return Collections.unmodifiableMap(queryParameters);
    }

    /**
     * A declared query parameter.
     *
     * @param type        its value's type
     * @param description what it does
     */
    record QueryParameter(Type type, String description) {
    }

    /** @return the declared responses by status, ascending, with their body's type if any */
    Map<Integer, Optional<Type>> responses() {
        return Collections.unmodifiableMap(responses);
    }

    /** @return the declared problems by status, ascending */
    Map<Integer, String> problems() {
        return Collections.unmodifiableMap(problems);
    }
}
