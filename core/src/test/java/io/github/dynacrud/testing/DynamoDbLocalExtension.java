package io.github.dynacrud.testing;

import io.github.dynacrud.local.LocalDynamoDb;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension that runs an in-memory DynamoDB Local server on {@code 127.0.0.1} for the duration of one test
 * class.
 *
 * <p>The server starts before the class's {@code @BeforeAll} methods run and stops, after its client is closed, once
 * the class's {@code @AfterAll} methods have run. It listens on a free port chosen by the operating system and binds
 * the loopback address only, never all interfaces. Its data lives in memory and is shared by every client whatever
 * its credentials and region, so each test should use its own table: see {@link #uniqueTableName(String)}. Classes
 * nested with {@code @Nested} use the server of their enclosing class.
 *
 * <p>Tests get at the server in either of two ways:
 *
 * <ul>
 *   <li>declare a {@link DynamoDbClient} parameter on a constructor or on a {@code @BeforeAll}, {@code @BeforeEach},
 *       {@code @Test}, {@code @AfterEach} or {@code @AfterAll} method; this works with
 *       {@code @ExtendWith(DynamoDbLocalExtension.class)} as well as with {@code @RegisterExtension};
 *   <li>register the extension on a {@code static} field with {@code @RegisterExtension}, one field per test class,
 *       and call {@link #client()} and {@link #endpoint()} on it.
 * </ul>
 *
 * <pre>{@code
 * class OrderRepositoryIT {
 *     @RegisterExtension
 *     static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();
 *
 *     @Test
 *     void save_storesTheOrder(DynamoDbClient client) {
 *         String table = DynamoDbLocalExtension.uniqueTableName("orders");
 *         // create the table with client, then exercise code pointed at DYNAMODB.endpoint()
 *     }
 * }
 * }</pre>
 *
 * <p>DynamoDB Local needs its native SQLite library. The build copies it to {@code target/native-libs} and sets the
 * {@code sqlite4java.library.path} system property for Surefire and Failsafe; when a test runs without that property,
 * in an IDE for instance, the extension sets it to {@code target/native-libs} if that directory exists in the working
 * directory.
 */
public final class DynamoDbLocalExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    /** The only address the server listens on. */
    public static final String HOST = LocalDynamoDb.HOST;

    /** The region of the client this extension builds. */
    public static final Region REGION = LocalDynamoDb.REGION;

    private static final int MAX_TABLE_NAME_PREFIX_LENGTH = 200;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);
    private static final String SERVER_KEY = "server";


    private volatile LocalDynamoDb current;

    /** Creates the extension; its server starts with the test class that uses it. */
    public DynamoDbLocalExtension() {
    }

    /**
     * Returns the client of the running server: a {@link DynamoDbClient} built with {@link UrlConnectionHttpClient},
     * region {@link #REGION}, static dummy credentials and the {@linkplain #endpoint() endpoint} of the server. The
     * extension closes it when the server stops.
     *
     * @return the client of the server of the test class being run
     * @throws IllegalStateException when no test class registered this instance, or it has finished
     */
    public DynamoDbClient client() {
        return running().client();
    }

    /**
     * Returns the endpoint of the running server, such as {@code http://127.0.0.1:41234}.
     *
     * @return the endpoint of the server of the test class being run
     * @throws IllegalStateException when no test class registered this instance, or it has finished
     */
    public URI endpoint() {
        return running().endpoint();
    }

    /**
     * Returns a table name no other call returns: {@code test-} followed by 32 hexadecimal digits.
     *
     * @return a valid DynamoDB table name
     */
    public static String uniqueTableName() {
        return uniqueTableName("test");
    }

    /**
     * Returns a table name no other call returns: the prefix, a hyphen and 32 hexadecimal digits. Characters that
     * DynamoDB does not allow in table names are replaced with {@code _} and the prefix is cut to 200 characters.
     *
     * @param prefix the start of the name, such as the name of the test; may be empty, not {@code null}
     * @return a valid DynamoDB table name
     */
    public static String uniqueTableName(String prefix) {
        String cleaned = Objects.requireNonNull(prefix, "prefix").replaceAll("[^a-zA-Z0-9_.-]", "_");
        if (cleaned.length() > MAX_TABLE_NAME_PREFIX_LENGTH) {
            cleaned = cleaned.substring(0, MAX_TABLE_NAME_PREFIX_LENGTH);
        }
        String unique = UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        return cleaned.isEmpty() ? unique : cleaned + "-" + unique;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // get() also looks in the stores of enclosing classes: a @Nested class reuses their server.
        if (store.get(SERVER_KEY, LocalDynamoDb.class) != null) {
            return;
        }
        LocalDynamoDb server = LocalDynamoDb.start();
        store.put(SERVER_KEY, server);
        current = server;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // remove() only looks in this class's own store: only the class that started the server stops it.
        LocalDynamoDb server = context.getStore(NAMESPACE).remove(SERVER_KEY, LocalDynamoDb.class);
        if (server != null) {
            if (current == server) {
                current = null;
            }
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DynamoDbClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        LocalDynamoDb server = extensionContext.getStore(NAMESPACE).get(SERVER_KEY, LocalDynamoDb.class);
        if (server == null) {
            throw new ParameterResolutionException("DynamoDB Local is not running for this test class");
        }
        return server.client();
    }

    private LocalDynamoDb running() {
        LocalDynamoDb server = current;
        if (server == null) {
            throw new IllegalStateException(
                    "DynamoDB Local is not running: register the extension on a static @RegisterExtension field"
                            + " and call it from the test class's methods");
        }
        return server;
    }
}
