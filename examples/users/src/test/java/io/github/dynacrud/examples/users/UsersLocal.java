package io.github.dynacrud.examples.users;

import io.github.dynacrud.local.LocalApi;
import io.github.dynacrud.local.LocalServer;
import io.github.dynacrud.table.SingleTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

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
public final class UsersLocal {
    /** The table the local API uses. */
    public static final String TABLE_NAME = "users";
    /** An unsigned JWT for {@code dev-user} with the scope {@code users:write}: accepted only by the local server. */
    public static final String WRITER_TOKEN = base64Url("{\"alg\":\"none\"}") + "."
            + base64Url("{\"sub\":\"dev-user\",\"scope\":\"" + UserHandler.WRITE + "\"}") + ".";

    private UsersLocal() {
    }

    /**
     * Starts DynamoDB Local, creates the table and serves the handler deployed to Lambda, with its API page at
     * {@code /docs}.
     *
     * @param port        the HTTP port on 127.0.0.1, 0 for a free one
     * @param dbDirectory where to keep the database, or {@code null} for memory
     * @return the running API
     * @throws Exception when something cannot start
     */
    public static LocalApi start(int port, Path dbDirectory) throws Exception {
        // tag::api-page[]
        return LocalApi.start(LocalServer.builder().port(port).apiPage("/openapi.json"), dbDirectory, TABLE_NAME,
                client -> new UserHandler(SingleTable.builder().client(client).tableName(TABLE_NAME).build()),
                User.ENTITY);
        // end::api-page[]
    }

    /**
     * Serves until Ctrl-C.
     *
     * @param args none
     * @throws Exception when something cannot start
     */
    public static void main(String[] args) throws Exception {
        LocalApi.serve("users", 3001, UsersLocal::start, uri -> List.of(
                "curl -s -X POST " + uri + "/users -H 'Authorization: Bearer " + WRITER_TOKEN + "'"
                        + " -H 'Content-Type: application/json' -d '{\"email\": \"ada@example.com\", \"name\": \"Ada\"}'",
                "curl -s '" + uri + "/users?email=ada@example.com'"));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
