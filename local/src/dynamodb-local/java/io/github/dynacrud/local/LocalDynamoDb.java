package io.github.dynacrud.local;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Embedded DynamoDB Local on 127.0.0.1, in memory or on disk, and a client for it, for local runs and integration
 * tests. Its native SQLite libraries come packed in this artifact: nothing to copy, no library path to set. Its threads
 * are not daemons: {@link #close()} it.
 *
 * <pre>{@code
 * try (LocalDynamoDb dynamoDb = LocalDynamoDb.start()) {
 *     LocalTable.create(dynamoDb.client(), "app", TODO);
 * }
 * }</pre>
 */
public final class LocalDynamoDb implements AutoCloseable {
    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";
    /** The region of the client; DynamoDB Local accepts any. */
    public static final Region REGION = Region.US_EAST_1;

    private static final String SQLITE_LIBRARY_PATH_PROPERTY = "sqlite4java.library.path";
    /** The libraries DynamoDB Local's SQLite binding loads, packed without their version as the build copies them. */
    private static final List<String> SQLITE_LIBRARIES = List.of("libsqlite4java-linux-amd64.so",
            "libsqlite4java-linux-i386.so", "libsqlite4java-osx.dylib", "sqlite4java-win32-x64.dll",
            "sqlite4java-win32-x86.dll");
    private static final System.Logger LOGGER = System.getLogger(LocalDynamoDb.class.getName());

    private final Server jetty;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;
    private final DynamoDbClient client;

    private LocalDynamoDb(Server jetty, LocalDynamoDBServerHandler handler, URI endpoint, DynamoDbClient client) {
        this.jetty = jetty;
        this.handler = handler;
        this.endpoint = endpoint;
        this.client = client;
    }

    /**
     * Starts an in-memory server on a free port.
     *
     * @return the running server
     * @throws Exception when it cannot start
     */
    public static LocalDynamoDb start() throws Exception {
        return start(0, null);
    }

    /**
     * Starts a server as {@code ServerRunner.createServer} does for {@code -sharedDb}, except for the Jetty server:
     * {@code DynamoDBProxyServer} always builds {@code new Server(port)}, which listens on every interface, and the
     * command line has no host option. So the Jetty server is built here, with one connector on {@link #HOST}, around
     * the same handler tree as {@code DynamoDBProxyServer.setUpHandler}. Bypassing {@code DynamoDBProxyServer} and
     * {@code ServerRunner} also leaves telemetry unconfigured, so none is sent.
     *
     * @param port        the port, 0 for a free one
     * @param dbDirectory where to keep the database across runs, or {@code null} to keep it in memory
     * @return the running server
     * @throws Exception when it cannot start
     */
    public static LocalDynamoDb start(int port, Path dbDirectory) throws Exception {
        usePackedSqliteLibrariesIfUnset();
        long startedAt = System.nanoTime();
        if (dbDirectory != null) {
            Files.createDirectories(dbDirectory);
        }
        // Authority level 0 as ServerRunner passes, one database shared by all credentials and regions, no
        // artificial delays on transient table statuses.
        LocalDynamoDBRequestHandler requestHandler = new LocalDynamoDBRequestHandler(0, dbDirectory == null,
                dbDirectory == null ? null : dbDirectory.toAbsolutePath().toString(), true, false);
        // No CORS allow-list, as without -cors.
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requestHandler, null);

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(HOST);
        connector.setPort(port);
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(handler);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context);
        jetty.setHandler(contexts);
        try {
            jetty.start();
        } catch (Exception e) {
            stopAfterFailedStart(jetty, handler, e);
            throw e;
        }

        URI endpoint = URI.create("http://" + HOST + ":" + connector.getLocalPort());
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .build();
        LOGGER.log(System.Logger.Level.INFO, "DynamoDB Local started on {0} in {1} ms", endpoint,
                Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt)));
        return new LocalDynamoDb(jetty, handler, endpoint, client);
    }

    /** @return the endpoint, such as {@code http://127.0.0.1:41234} */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Returns the client: {@link UrlConnectionHttpClient}, region {@link #REGION}, dummy credentials and the
     * {@linkplain #endpoint() endpoint}; closed with the server.
     *
     * @return the client
     */
    public DynamoDbClient client() {
        return client;
    }

    /**
     * Closes the client, stops Jetty, whose threads are not daemons, then shuts the database handlers down; it
     * attempts all three even when one fails.
     *
     * @throws Exception the first failure, with the others suppressed
     */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        try {
            client.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            failure = chain(failure, e);
        }
        try {
            handler.close();
        } catch (RuntimeException e) {
            failure = chain(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void stopAfterFailedStart(Server jetty, LocalDynamoDBServerHandler handler, Exception cause) {
        try {
            jetty.stop();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
        try {
            handler.close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static Exception chain(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * Unpacks the SQLite libraries into a temporary directory once per JVM and points sqlite4java at it, unless the
     * caller chose a library path of its own.
     */
    private static synchronized void usePackedSqliteLibrariesIfUnset() throws IOException {
        if (System.getProperty(SQLITE_LIBRARY_PATH_PROPERTY) != null) {
            return;
        }
        Path directory = Files.createTempDirectory("dynacrud-sqlite4java");
        directory.toFile().deleteOnExit();
        for (String library : SQLITE_LIBRARIES) {
            try (InputStream in = LocalDynamoDb.class.getResourceAsStream("native/" + library)) {
                if (in != null) {
                    Path file = directory.resolve(library);
                    Files.copy(in, file);
                    file.toFile().deleteOnExit();
                }
            }
        }
        System.setProperty(SQLITE_LIBRARY_PATH_PROPERTY, directory.toString());
    }
}
