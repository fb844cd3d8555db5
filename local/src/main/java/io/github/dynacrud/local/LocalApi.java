package io.github.dynacrud.local;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.lambda.HttpApiHandler;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An API running on your machine: embedded DynamoDB Local with the API's table created from its entities, and the
 * deployed handler class served by {@link LocalServer} on 127.0.0.1. A project's local runner is a few lines on top.
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     LocalApi.serve("todo", 3000, (port, dbDirectory) -> LocalApi.start(port, dbDirectory, "todos",
 *             client -> new TodoHandler(SingleTable.builder().client(client).tableName("todos").build()), Todo.ENTITY),
 *             uri -> List.of("curl -s " + uri + "/todos"));
 * }
 * }</pre>
 */
public final class LocalApi implements AutoCloseable {
    private final LocalDynamoDb dynamoDb;
    private final LocalServer server;

    private LocalApi(LocalDynamoDb dynamoDb, LocalServer server) {
        this.dynamoDb = dynamoDb;
        this.server = server;
    }

    /** Starts a local API from a port and an optional database directory. */
    @FunctionalInterface
    public interface Starter {
        /**
         * Starts the API.
         *
         * @param port        the HTTP port on 127.0.0.1, 0 for a free one
         * @param dbDirectory where to keep the database, or {@code null} for memory
         * @return the running API
         * @throws Exception when something cannot start
         */
        LocalApi start(int port, Path dbDirectory) throws Exception;
    }

    /**
     * Starts DynamoDB Local, creates the table and serves the handler.
     *
     * @param port        the HTTP port on 127.0.0.1, 0 for a free one
     * @param dbDirectory where to keep the database, or {@code null} for memory
     * @param tableName   the table to create
     * @param handler     makes the deployed handler from DynamoDB Local's client
     * @param entities    the entity types the table holds
     * @return the running API
     * @throws Exception when something cannot start
     */
    public static LocalApi start(int port, Path dbDirectory, String tableName,
            Function<DynamoDbClient, ? extends HttpApiHandler> handler, Entity<?>... entities) throws Exception {
        return start(LocalServer.builder().port(port), dbDirectory, tableName, handler, entities);
    }

    /**
     * Starts DynamoDB Local, creates the table and serves the handler with a server's settings, such as its port and
     * API page.
     *
     * <pre>{@code
     * LocalApi api = LocalApi.start(LocalServer.builder().port(3000).apiPage("/openapi.json"), null, "todos",
     *         client -> new TodoHandler(SingleTable.builder().client(client).tableName("todos").build()), Todo.ENTITY);
     * }</pre>
     *
     * @param server      the server's settings; its handler is set here
     * @param dbDirectory where to keep the database, or {@code null} for memory
     * @param tableName   the table to create
     * @param handler     makes the deployed handler from DynamoDB Local's client
     * @param entities    the entity types the table holds
     * @return the running API
     * @throws Exception when something cannot start
     */
    public static LocalApi start(LocalServer.Builder server, Path dbDirectory, String tableName,
            Function<DynamoDbClient, ? extends HttpApiHandler> handler, Entity<?>... entities) throws Exception {
        LocalDynamoDb dynamoDb = LocalDynamoDb.start(0, dbDirectory);
        try {
            LocalTable.create(dynamoDb.client(), tableName, entities);
            return new LocalApi(dynamoDb, server.handler(handler.apply(dynamoDb.client())).build().start());
        } catch (Exception | Error e) {
            dynamoDb.close();
            throw e;
        }
    }

    /**
     * Serves until Ctrl-C, printing the URL and example requests. The port comes from {@code -D<name>.port} or
     * {@code PORT}; a database directory from {@code -D<name>.db.dir} or {@code <NAME>_DB_DIR}, else memory.
     *
     * @param name        the API's name, such as {@code "todo"}
     * @param defaultPort the port when none is set
     * @param starter     starts the API
     * @param requests    example requests for a base URI, such as curl lines
     * @throws Exception when something cannot start
     */
    public static void serve(String name, int defaultPort, Starter starter, Function<URI, List<String>> requests)
            throws Exception {
        int port = Integer.parseInt(setting(name + ".port", "PORT", Integer.toString(defaultPort)));
        String db = setting(name + ".db.dir", name.toUpperCase(Locale.ROOT) + "_DB_DIR", "");
        LocalApi api = starter.start(port, db.isEmpty() ? null : Path.of(db));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                api.close();
            } catch (RuntimeException e) {
                System.err.println("stopping the local API failed: " + e);
            }
        }, name + "-local-shutdown"));
        System.out.println(Character.toUpperCase(name.charAt(0)) + name.substring(1) + " API on " + api.uri()
                + " (DynamoDB Local " + (db.isEmpty() ? "in memory" : "in " + db) + "); Ctrl-C stops it. Try:");
        requests.apply(api.uri()).forEach(request -> System.out.println("  " + request));
        api.apiPage().ifPresent(page -> System.out.println("API page: " + page));
        api.server.awaitStop();
    }

    /** @return the API's base URI, such as {@code http://127.0.0.1:3000} */
    public URI uri() {
        return server.uri();
    }

    /** @return the API page's URI, such as {@code http://127.0.0.1:3000/docs}, when the server has one */
    public Optional<URI> apiPage() {
        return server.apiPage();
    }

    /** Stops the HTTP server, then DynamoDB Local. */
    @Override
    public void close() {
        server.close();
        try {
            dynamoDb.close();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? fallback : value;
    }
}
