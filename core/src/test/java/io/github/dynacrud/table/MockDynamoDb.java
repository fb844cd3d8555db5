package io.github.dynacrud.table;

import static org.mockito.Mockito.RETURNS_DEFAULTS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.withSettings;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.mockito.invocation.InvocationOnMock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * A Mockito mock of {@link DynamoDbClient} for repository tests. The repository calls the {@code Consumer<Builder>}
 * overloads, which are default methods of the interface that build the request and call the request-object overload;
 * this mock runs those default methods for real, so tests stub and capture the request objects ({@code PutItemRequest}
 * and so on). Every other method answers Mockito's defaults, so an unstubbed call returns {@code null}.
 */
final class MockDynamoDb {
    private MockDynamoDb() {
    }

    /** @return a mock whose Consumer-builder overloads delegate to the request-object overloads */
    static DynamoDbClient client() {
        return mock(DynamoDbClient.class, withSettings().defaultAnswer(MockDynamoDb::answer));
    }

    /**
     * Lists every request object the client received, in order, whatever the operation; a test asserting that this
     * holds exactly the captured request fails when the repository sends a second one.
     *
     * @param client a mock from {@link #client()}
     * @return the requests
     */
    static List<DynamoDbRequest> requestsSent(DynamoDbClient client) {
        return mockingDetails(client).getInvocations().stream()
                .flatMap(invocation -> Arrays.stream(invocation.getArguments()))
                .filter(DynamoDbRequest.class::isInstance)
                .map(DynamoDbRequest.class::cast)
                .toList();
    }

    private static Object answer(InvocationOnMock invocation) throws Throwable {
        Class<?>[] parameters = invocation.getMethod().getParameterTypes();
        if (parameters.length == 1 && parameters[0] == Consumer.class && invocation.getMethod().isDefault()) {
            return invocation.callRealMethod();
        }
        return RETURNS_DEFAULTS.answer(invocation);
    }
}
