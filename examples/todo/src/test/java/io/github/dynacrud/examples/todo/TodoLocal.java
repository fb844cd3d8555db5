package io.github.dynacrud.examples.todo;

// tag::local-run[]
import io.github.dynacrud.local.LocalApi;
import io.github.dynacrud.local.LocalServer;
import io.github.dynacrud.table.SingleTable;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the todo API on http://127.0.0.1:3000 with embedded DynamoDB Local: the README's first command.
 *
 * <p>The database is in memory unless {@code TODO_DB_DIR} (or {@code -Dtodo.db.dir}) names a directory to keep it in;
 * {@code PORT} (or {@code -Dtodo.port}) changes the port. Requests without a bearer token act as {@code dev-user}.
 */
public final class TodoLocal {
    /** The table the local API uses. */
    public static final String TABLE_NAME = "todos";

    private TodoLocal() {
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
        return LocalApi.start(LocalServer.builder().port(port).apiPage("/openapi.json"), dbDirectory, TABLE_NAME,
                client -> new TodoHandler(SingleTable.builder().client(client).tableName(TABLE_NAME).build()),
                Todo.ENTITY);
    }

    /**
     * Serves until Ctrl-C.
     *
     * @param args none
     * @throws Exception when something cannot start
     */
    public static void main(String[] args) throws Exception {
        LocalApi.serve("todo", 3000, TodoLocal::start, uri -> List.of(
                "curl -s -X POST " + uri + "/todos -H 'Content-Type: application/json'"
                        + " -d '{\"title\": \"Try dynacrud\"}'",
                "curl -s " + uri + "/todos"));
    }
}
// end::local-run[]
