package io.github.dynacrud.examples.todo;

import io.github.dynacrud.lambda.local.LocalServer;
import io.github.dynacrud.table.LocalTable;
import io.github.dynacrud.testing.LocalDynamoDb;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the todo API on http://127.0.0.1:3000 with embedded DynamoDB Local: the README's first command.
 *
 * <p>The database is in memory unless {@code TODO_DB_DIR} (or {@code -Dtodo.db.dir}) names a directory to keep it in;
 * {@code PORT} (or {@code -Dtodo.port}) changes the port. Requests without a bearer token act as {@code dev-user}.
 */
public final class TodoLocal implements AutoCloseable {
    /** The table the local API uses. */
    public static final String TABLE_NAME = "todos";

    private final LocalDynamoDb dynamoDb;
    private final LocalServer server;

    private TodoLocal(LocalDynamoDb dynamoDb, LocalServer server) {
        this.dynamoDb = dynamoDb;
        this.server = server;
    }

    /**
     * Starts DynamoDB Local, creates the table and serves the handler deployed to Lambda.
     *
     * @param port        the HTTP port on 127.0.0.1, 0 for a free one
     * @param dbDirectory where to keep the database, or {@code null} for memory
     * @return the running API
     * @throws Exception when something cannot start
     */
    public static TodoLocal start(int port, Path dbDirectory) throws Exception {
        LocalDynamoDb dynamoDb = LocalDynamoDb.start(0, dbDirectory);
        try {
            LocalTable.create(dynamoDb.client(), TABLE_NAME, Todo.ENTITY);
            TodoHandler handler = new TodoHandler(dynamoDb.client(),
                    Map.of("TABLE_NAME", TABLE_NAME, "ALLOWED_ORIGINS", "*"));
            return new TodoLocal(dynamoDb, LocalServer.builder().handler(handler).port(port).build().start());
        } catch (Exception | Error e) {
            dynamoDb.close();
            throw e;
        }
    }

    /** @return the API's base URI, such as {@code http://127.0.0.1:3000} */
    public URI uri() {
        return server.uri();
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

    /**
     * Serves until Ctrl-C.
     *
     * @param args none
     * @throws Exception when something cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(setting("todo.port", "PORT", "3000"));
        String db = setting("todo.db.dir", "TODO_DB_DIR", "");
        TodoLocal api = start(port, db.isEmpty() ? null : Path.of(db));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                api.close();
            } catch (RuntimeException e) {
                System.err.println("stopping the local API failed: " + e);
            }
        }, "todo-local-shutdown"));
        URI uri = api.uri();
        System.out.println("Todo API on " + uri + " (DynamoDB Local " + (db.isEmpty() ? "in memory" : "in " + db)
                + "); Ctrl-C stops it. Try:");
        System.out.println("  curl -s -X POST " + uri + "/todos -H 'Content-Type: application/json'"
                + " -d '{\"title\": \"Try dynacrud\"}'");
        System.out.println("  curl -s " + uri + "/todos");
        api.server.awaitStop();
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? fallback : value;
    }
}
