package ${package};

import io.github.dynacrud.local.LocalApi;
import io.github.dynacrud.table.SingleTable;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the API on http://127.0.0.1:3000 with embedded DynamoDB Local: {@code ./mvnw test-compile -Prun}.
 *
 * <p>The database is in memory unless {@code TASKS_DB_DIR} names a directory to keep it in; {@code PORT} changes the
 * port. There is no authorizer: requests act as {@code dev-user}, or as the {@code sub} of an unverified
 * {@code Authorization: Bearer <JWT>} header.
 */
public final class LocalRun {
    /** The table the local API uses. */
    public static final String TABLE_NAME = "tasks";

    private LocalRun() {
    }

    /**
     * Starts DynamoDB Local, creates the table and serves the handler deployed to Lambda.
     *
     * @param port        the HTTP port on 127.0.0.1, 0 for a free one
     * @param dbDirectory where to keep the database, or {@code null} for memory
     * @return the running API
     * @throws Exception when something cannot start
     */
    public static LocalApi start(int port, Path dbDirectory) throws Exception {
        return LocalApi.start(port, dbDirectory, TABLE_NAME,
                client -> new TaskHandler(SingleTable.builder().client(client).tableName(TABLE_NAME).build()),
                Task.ENTITY);
    }

    /**
     * Serves until Ctrl-C.
     *
     * @param args none
     * @throws Exception when something cannot start
     */
    public static void main(String[] args) throws Exception {
        LocalApi.serve("tasks", 3000, LocalRun::start, uri -> List.of(
                "curl -s -X POST " + uri + "/tasks -H 'Content-Type: application/json' -d '{\"title\": \"Ship it\"}'",
                "curl -s " + uri + "/tasks"));
    }
}
