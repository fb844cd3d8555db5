package io.github.dynacrud.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Smoke test of {@link DynamoDbLocalExtension} against a running DynamoDB Local. */
class DynamoDbLocalExtensionIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private String table;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        table = DynamoDbLocalExtension.uniqueTableName("smoke");
        client.createTable(request -> request
                .tableName(table)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("PK").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("SK").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    @Test
    void putThenGet_returnsTheItem(DynamoDbClient client) {
        Map<String, AttributeValue> key = Map.of(
                "PK", AttributeValue.fromS("USER#42"),
                "SK", AttributeValue.fromS("PROFILE"));
        Map<String, AttributeValue> item = Map.of(
                "PK", AttributeValue.fromS("USER#42"),
                "SK", AttributeValue.fromS("PROFILE"),
                "name", AttributeValue.fromS("Ada"));

        client.putItem(request -> request.tableName(table).item(item));
        GetItemResponse response = client.getItem(request -> request.tableName(table).key(key).consistentRead(true));

        assertThat(response.hasItem()).isTrue();
        assertThat(response.item()).containsExactlyInAnyOrderEntriesOf(item);
    }

    @Test
    void endpoint_isOnTheLoopbackAddress() {
        assertThat(DYNAMODB.endpoint().getScheme()).isEqualTo("http");
        assertThat(DYNAMODB.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(DYNAMODB.endpoint().getPort()).isPositive();
    }

    @Test
    void injectedClient_isTheClientOfTheRunningServer(DynamoDbClient client) {
        assertThat(client).isSameAs(DYNAMODB.client());
        assertThat(client.serviceClientConfiguration().endpointOverride()).contains(DYNAMODB.endpoint());
    }

    @Test
    void uniqueTableName_isValidAndNeverRepeats() {
        String plain = DynamoDbLocalExtension.uniqueTableName();
        String cleaned = DynamoDbLocalExtension.uniqueTableName("needs cleaning/!");

        assertThat(plain).matches("test-[0-9a-f]{32}").isNotEqualTo(DynamoDbLocalExtension.uniqueTableName());
        assertThat(cleaned).matches("needs_cleaning__-[0-9a-f]{32}");
    }
}
