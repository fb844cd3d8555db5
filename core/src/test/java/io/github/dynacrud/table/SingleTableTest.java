package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import io.github.dynacrud.InvalidCursorException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SingleTableTest {
    private final DynamoDbClient client = mock(DynamoDbClient.class);

    @Test
    void fromEnvironment_readsTheTableName() {
        // GIVEN
        Map<String, String> environment = Map.of("TABLE_NAME", "todos-prod");

        // WHEN
        SingleTable table = SingleTable.fromEnvironment(environment, client);

        // THEN
        assertThat(table.tableName()).isEqualTo("todos-prod");
        assertThat(table.client()).isSameAs(client);
    }

    @Test
    void fromEnvironment_withoutTableName_saysWhatToSet() {
        assertThatThrownBy(() -> SingleTable.fromEnvironment(Map.of(), client))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("set the TABLE_NAME environment variable to the table's name");
    }

    @Test
    void fromEnvironment_withShortCursorSecret_isRefused() {
        assertThatThrownBy(() -> SingleTable.fromEnvironment(
                Map.of("TABLE_NAME", "app", "DYNACRUD_CURSOR_SECRET", "short"), client))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a cursor secret needs at least 16 bytes");
    }

    @Test
    void fromEnvironment_withCursorSecret_signsCursors() {
        // GIVEN
        SingleTable signed = SingleTable.fromEnvironment(
                Map.of("TABLE_NAME", "app", "DYNACRUD_CURSOR_SECRET", "0123456789abcdef0123"), client);
        SingleTable unsigned = SingleTable.fromEnvironment(Map.of("TABLE_NAME", "app"), client);
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("USER#u1"));

        // WHEN
        String cursor = signed.cursors().encode(key, "query");

        // THEN
        assertThat(signed.cursors().decode(cursor, "query", Set.of("PK"))).isEqualTo(key);
        assertThatThrownBy(() -> unsigned.cursors().decode(cursor, "query", Set.of("PK")))
                .isInstanceOf(InvalidCursorException.class);
        String unsignedCursor = unsigned.cursors().encode(key, "query");
        assertThatThrownBy(() -> signed.cursors().decode(unsignedCursor, "query", Set.of("PK")))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void defaultClient_honoursRegionAndDynamoDbEndpoint() {
        // GIVEN
        Map<String, String> environment = Map.of("AWS_REGION", "eu-north-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000");

        // WHEN
        try (DynamoDbClient dynamoDb = SingleTable.defaultClient(environment)) {
            // THEN
            assertThat(dynamoDb.serviceClientConfiguration().region()).isEqualTo(Region.EU_NORTH_1);
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:8000"));
        }
    }

    @Test
    void defaultClient_fallsBackToTheGeneralEndpoint() {
        try (DynamoDbClient dynamoDb = SingleTable.defaultClient(
                Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566"))) {
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:4566"));
        }
    }

    @Test
    void defaultClient_keysInTheEnvironment_takesThemWithoutTheDefaultChain() {
        // GIVEN the variables Lambda sets without SnapStart
        Map<String, String> environment = Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token");

        // WHEN
        try (DynamoDbClient dynamoDb = SingleTable.defaultClient(environment)) {
            // THEN the client signs with the variables' keys, whatever the process's own environment holds
            AwsCredentialsIdentity identity = dynamoDb.serviceClientConfiguration().credentialsProvider()
                    .resolveIdentity().join();
            assertThat(identity).isInstanceOf(AwsSessionCredentials.class);
            assertThat(identity.accessKeyId()).isEqualTo("ASIAEXAMPLE");
            assertThat(identity.secretAccessKey()).isEqualTo("secret");
            assertThat(((AwsSessionCredentials) identity).sessionToken()).isEqualTo("token");
        }
    }

    @Test
    void defaultClient_noKeysInTheEnvironment_keepsTheDefaultChain() {
        try (DynamoDbClient dynamoDb = SingleTable.defaultClient(Map.of("AWS_REGION", "us-east-1"))) {
            assertThat(dynamoDb.serviceClientConfiguration().credentialsProvider())
                    .isInstanceOf(DefaultCredentialsProvider.class);
        }
    }

    @Test
    void builder_refusesShortTableNames() {
        assertThatThrownBy(() -> SingleTable.builder().tableName("ab"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table name 'ab' must be 3 to 255 letters, digits, '_', '-' or '.'");
    }
}
