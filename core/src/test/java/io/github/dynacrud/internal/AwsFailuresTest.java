package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.DynacrudException;
import io.github.dynacrud.StorageException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class AwsFailuresTest {
    private static DynamoDbException validation(String message) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(400).requestId("req-1").message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage(message)
                        .build())
                .build();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Item size has exceeded the maximum allowed size|makes the item larger than DynamoDB's limit of 400 KB",
        "Item size to update has exceeded the maximum allowed size|"
                + "makes the item larger than DynamoDB's limit of 400 KB",
        "Number overflow. Attempting to store a number with magnitude larger than supported range|"
                + AwsFailures.ITEM_LIMIT_MESSAGE,
        "Attempting to store more than 38 significant digits in a Number|" + AwsFailures.ITEM_LIMIT_MESSAGE,
        "Nesting Levels have exceeded supported limits: secret|" + AwsFailures.ITEM_LIMIT_MESSAGE,
        "One or more parameter values were invalid: Size limit exceeded|" + AwsFailures.ITEM_LIMIT_MESSAGE,
        "Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes|"
                + AwsFailures.ITEM_LIMIT_MESSAGE})
    void translate_validationCausedByItemData_isAValidationExceptionWithOurOwnMessage(String dynamoDb,
            String expected) {
        // GIVEN
        DynamoDbException failure = validation(dynamoDb);

        // WHEN
        DynacrudException translated = AwsFailures.translate("UpdateItem", failure);

        // THEN
        assertThat(translated).isInstanceOf(ValidationException.class);
        assertThat(translated.status()).isEqualTo(422);
        assertThat(((ValidationException) translated).violations())
                .containsExactly(new Violation(AwsFailures.ITEM_FIELD, expected));
        assertThat(translated.getMessage()).doesNotContain("secret").doesNotContain("Attempting");
    }

    @ParameterizedTest
    @ValueSource(strings = {"One or more parameter values were invalid: Missing the key PK in the item",
        "The table does not have the specified index: GSI9", "Invalid UpdateExpression: syntax error"})
    void translate_validationOfTheRequestItself_staysAStorageException(String dynamoDb) {
        // GIVEN
        DynamoDbException failure = validation(dynamoDb);

        // WHEN
        DynacrudException translated = AwsFailures.translate("PutItem", failure);

        // THEN
        assertThat(translated).isInstanceOf(StorageException.class)
                .hasMessage("DynamoDB PutItem failed: ValidationException (HTTP 400, request id req-1)");
    }
}
