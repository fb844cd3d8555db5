package io.github.dynacrud.table;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.Credentials;
import io.github.dynacrud.internal.CursorCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * One physical DynamoDB table shared by many entity types, and the factory of their repositories.
 *
 * <pre>{@code
 * SingleTable table = SingleTable.builder().client(dynamoDb).tableName("app").build();
 * EntityRepository<Todo> todos = table.repository(TODO);
 * }</pre>
 *
 * <p>On Lambda, {@link #fromEnvironment()} reads {@code TABLE_NAME} and builds a client with the light
 * URL-connection HTTP client, the default credentials chain, {@code AWS_REGION} and, when set,
 * {@code AWS_ENDPOINT_URL_DYNAMODB} (or {@code AWS_ENDPOINT_URL}).
 */
public final class SingleTable {
    /** The environment variable naming the table. */
    public static final String TABLE_NAME_VARIABLE = "TABLE_NAME";
    /** The optional environment variable holding the secret that signs page cursors. */
    public static final String CURSOR_SECRET_VARIABLE = "DYNACRUD_CURSOR_SECRET";

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;
    private final CursorCodec cursors;

    private SingleTable(Builder b) {
        this.client = b.client;
        this.tableName = b.tableName;
        this.clock = b.clock;
        // Without a secret, cursors still carry a MAC under a key derived from the table name: not unforgeable, but any
        // edit a client makes is refused instead of silently starting another page.
        this.cursors = new CursorCodec(b.cursorSecret.length > 0 ? b.cursorSecret
                : ("dynacrud-cursor:" + b.tableName).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts configuring a table.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures the table from the process environment with a default client.
     *
     * @return the table
     * @throws IllegalStateException when {@code TABLE_NAME} is not set
     */
    public static SingleTable fromEnvironment() {
        Map<String, String> environment = System.getenv();
        tableName(environment);
        return fromEnvironment(environment, defaultClient(environment));
    }

    /**
     * Configures the table from an environment with a given client, for tests that pass a mock.
     *
     * @param environment variables such as {@code TABLE_NAME}
     * @param client      the DynamoDB client
     * @return the table
     * @throws IllegalStateException when {@code TABLE_NAME} is not set
     */
    public static SingleTable fromEnvironment(Map<String, String> environment, DynamoDbClient client) {
        Builder builder = builder().client(client).tableName(tableName(environment));
        String secret = environment.get(CURSOR_SECRET_VARIABLE);
        if (secret != null && !secret.isEmpty()) {
            builder.cursorSecret(secret.getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static String tableName(Map<String, String> environment) {
        String tableName = environment.get(TABLE_NAME_VARIABLE);
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalStateException("set the " + TABLE_NAME_VARIABLE + " environment variable to the table's name");
        }
        return tableName;
    }

    /**
     * Builds the client {@link #fromEnvironment()} uses: URL-connection HTTP client (no Apache, no Netty), the region
     * from {@code AWS_REGION} (else the default region chain), the endpoint from {@code AWS_ENDPOINT_URL_DYNAMODB} or
     * {@code AWS_ENDPOINT_URL} when set, and the credentials the variables give ({@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}) when the first two are set and no
     * {@code aws.accessKeyId} system property is (as on Lambda without SnapStart, where the default chain would pick
     * the same keys), else the default credentials chain (SnapStart's container credentials, profiles...).
     *
     * @param environment the variables to read the region, the endpoint and the credentials from
     * @return a new client; close it when done
     */
    public static DynamoDbClient defaultClient(Map<String, String> environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (Credentials.inEnvironment(environment, System.getProperties())) {
            // The default chain would take these same keys, after loading and trying the providers before it.
            String token = environment.get("AWS_SESSION_TOKEN");
            builder.credentialsProvider(StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(environment.get("AWS_ACCESS_KEY_ID"),
                            environment.get("AWS_SECRET_ACCESS_KEY"))
                    : AwsSessionCredentials.create(environment.get("AWS_ACCESS_KEY_ID"),
                            environment.get("AWS_SECRET_ACCESS_KEY"), token)));
        }
        String region = environment.get("AWS_REGION");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = environment.getOrDefault("AWS_ENDPOINT_URL_DYNAMODB", environment.get("AWS_ENDPOINT_URL"));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /**
     * Makes the repository of one entity type; call once per type, at start-up.
     *
     * @param entity the entity type
     * @param <T>    the record type
     * @return its repository
     */
    public <T extends Record> EntityRepository<T> repository(Entity<T> entity) {
        return new EntityRepository<>(this, entity);
    }

    /**
     * Starts a transaction: writes of items of any entity types of this table that succeed or fail together.
     *
     * <pre>{@code
     * Transaction transaction = table.transaction();
     * transaction.create(todos, scope, Todo.of("Ship it"));
     * transaction.patch(projects, scope, projectId, Changes.of(Project.ENTITY).increment("open", 1));
     * transaction.commit();
     * }</pre>
     *
     * @return an empty transaction
     */
    public Transaction transaction() {
        return new Transaction(this);
    }

    /**
     * Starts a read of items of any entity types of this table as of one moment.
     *
     * <pre>{@code
     * ReadTransaction read = table.readTransaction();
     * ReadTransaction.Item<Todo> todo = read.get(todos, scope, todoId);
     * Optional<Todo> found = read.run().get(todo);
     * }</pre>
     *
     * @return an empty read transaction
     */
    public ReadTransaction readTransaction() {
        return new ReadTransaction(this);
    }

    /**
     * Makes the collection of entity types whose items share a partition and a sort key prefix, read together in one
     * Query per page; call once, at start-up.
     *
     * <pre>{@code
     * ItemCollection notebook = table.collection(Notebook.ENTITY, Note.ENTITY);
     * }</pre>
     *
     * @param members two or more entity types with the same partition key shape
     * @return the collection
     * @throws IllegalArgumentException naming the member and template whose keys cannot share a collection
     */
    public ItemCollection collection(Entity<?>... members) {
        return new ItemCollection(this, java.util.List.of(members));
    }

    /** @return the client all repositories of this table use */
    public DynamoDbClient client() {
        return client;
    }

    /** @return the table name */
    public String tableName() {
        return tableName;
    }

    Clock clock() {
        return clock;
    }

    CursorCodec cursors() {
        return cursors;
    }

    /** Collects a table's settings. */
    public static final class Builder {
        private DynamoDbClient client;
        private String tableName;
        private Clock clock = Clock.systemUTC();
        private byte[] cursorSecret = new byte[0];

        private Builder() {
        }

        /**
         * Sets the client; a Mockito mock in unit tests.
         *
         * @param client the DynamoDB client
         * @return this builder
         */
        public Builder client(DynamoDbClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the table name.
         *
         * @param tableName 3 to 255 characters: letters, digits, {@code _ - .}
         * @return this builder
         */
        public Builder tableName(String tableName) {
            if (tableName == null || !tableName.matches("[A-Za-z0-9_.\\-]{3,255}")) {
                throw new IllegalArgumentException("table name '" + tableName
                        + "' must be 3 to 255 letters, digits, '_', '-' or '.'");
            }
            this.tableName = tableName;
            return this;
        }

        /**
         * Sets the clock of timestamps and generated ids; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Signs page cursors with HMAC-SHA256 under a secret, so a client cannot forge one. Without a secret, cursors
         * are signed under a key derived from the table name: an altered cursor is still refused, but one could be
         * forged by someone who knows how dynacrud builds them (within the caller's own partition only).
         *
         * @param secret at least 16 bytes; keep it out of source code
         * @return this builder
         */
        public Builder cursorSecret(byte[] secret) {
            if (secret == null || secret.length < 16) {
                throw new IllegalArgumentException("a cursor secret needs at least 16 bytes");
            }
            this.cursorSecret = secret.clone();
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the table
         * @throws IllegalStateException when the client or table name is missing
         */
        public SingleTable build() {
            if (client == null || tableName == null) {
                throw new IllegalStateException("a SingleTable needs a client and a tableName");
            }
            return new SingleTable(this);
        }
    }
}
