package io.github.dynacrud.examples.users;

import io.github.dynacrud.lambda.local.LocalServer;
import io.github.dynacrud.table.LocalTable;
import io.github.dynacrud.testing.LocalDynamoDb;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Runs the users API on http://127.0.0.1:3001 with embedded DynamoDB Local: what the {@code run} profile of this
 * example's pom starts.
 *
 * <p>The database is in memory unless {@code USERS_DB_DIR} (or {@code -Dusers.db.dir}) names a directory to keep it in;
 * {@code PORT} (or {@code -Dusers.port}) changes the port. Requests without a bearer token act as {@code dev-user},
 * who has no scopes and so may only read; writes need a bearer token whose {@code scope} claim holds
 * {@code users:write}. The local server reads its claims without checking a signature, so {@link #WRITER_TOKEN}, an
 * unsigned token, is enough here; a deployed API verifies tokens with its JWT authorizer.
 */
public final class UsersLocal implements AutoCloseable {
    /** The table the local API uses. */
    public static final String TABLE_NAME = "users";
    /** An unsigned JWT for {@code dev-user} with the scope {@code users:write}: accepted only by the local server. */
    public static final String WRITER_TOKEN = base64Url("{\"alg\":\"none\"}") + "."
            + base64Url("{\"sub\":\"dev-user\",\"scope\":\"" + UserHandler.WRITE + "\"}") + ".";

    private final LocalDynamoDb dynamoDb;
    private final LocalServer server;

    private UsersLocal(LocalDynamoDb dynamoDb, LocalServer server) {
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
    public static UsersLocal start(int port, Path dbDirectory) throws Exception {
        LocalDynamoDb dynamoDb = LocalDynamoDb.start(0, dbDirectory);
        try {
            LocalTable.create(dynamoDb.client(), TABLE_NAME, User.ENTITY);
            UserHandler handler = new UserHandler(dynamoDb.client(),
                    Map.of("TABLE_NAME", TABLE_NAME, "ALLOWED_ORIGINS", "*"));
            return new UsersLocal(dynamoDb, LocalServer.builder().handler(handler).port(port).build().start());
        } catch (Exception | Error e) {
            dynamoDb.close();
            throw e;
        }
    }

    /** @return the API's base URI, such as {@code http://127.0.0.1:3001} */
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
        int port = Integer.parseInt(setting("users.port", "PORT", "3001"));
        String db = setting("users.db.dir", "USERS_DB_DIR", "");
        UsersLocal api = start(port, db.isEmpty() ? null : Path.of(db));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                api.close();
            } catch (RuntimeException e) {
                System.err.println("stopping the local API failed: " + e);
            }
        }, "users-local-shutdown"));
        URI uri = api.uri();
        System.out.println("Users API on " + uri + " (DynamoDB Local " + (db.isEmpty() ? "in memory" : "in " + db)
                + "); Ctrl-C stops it. Try:");
        System.out.println("  curl -s -X POST " + uri + "/users -H 'Authorization: Bearer " + WRITER_TOKEN + "'"
                + " -H 'Content-Type: application/json' -d '{\"email\": \"ada@example.com\", \"name\": \"Ada\"}'");
        System.out.println("  curl -s '" + uri + "/users?email=ada@example.com'");
        api.server.awaitStop();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? fallback : value;
    }
}
