package io.github.dynacrud.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/** A DynamoDB client that records every request it passes on to a real one, so a test counts what was sent. */
public final class RecordingDynamoDb {
    private RecordingDynamoDb() {
    }

    /**
     * Wraps a client.
     *
     * @param real     the client requests go to
     * @param requests where each request is recorded, in order
     * @return the recording client
     */
    public static DynamoDbClient of(DynamoDbClient real, List<DynamoDbRequest> requests) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof Consumer<?> && method.isDefault()) {
                // The Consumer overloads build the request and call the overload taking it, recorded below.
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length == 1 && args[0] instanceof DynamoDbRequest request) {
                requests.add(request);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }
}
