package io.github.dynacrud.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * A DynamoDB client that shows every request it passes on to a real one to the test: to count what was sent, or to
 * act just before a request goes.
 */
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
        return watching(real, requests::add);
    }

    /**
     * Wraps a client so that each request is seen, in order, just before it is sent.
     *
     * @param real    the client requests go to
     * @param watcher sees each request; it may act before the request goes, such as changing the table
     * @return the watching client
     */
    public static DynamoDbClient watching(DynamoDbClient real, Consumer<DynamoDbRequest> watcher) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof Consumer<?> && method.isDefault()) {
                // The Consumer overloads build the request and call the overload taking it, recorded below.
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length == 1 && args[0] instanceof DynamoDbRequest request) {
                watcher.accept(request);
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
