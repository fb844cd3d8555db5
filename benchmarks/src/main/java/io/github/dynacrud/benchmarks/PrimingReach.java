package io.github.dynacrud.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.examples.todo.TodoHandler;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * What SnapStart priming leaves to the first request after a restore, in a fresh JVM: builds the todo handler as
 * Lambda does, runs the CRaC hooks as Lambda's runtime does around a snapshot (with {@code primed}), then sends a
 * create to DynamoDB (the first real request) and another. Prints the milliseconds of each phase; marker classes
 * ({@link Primed}, {@link Answered}) split a class loading log into the classes of the init, of priming, and of the
 * first request. Run by {@link ColdStart#primingReach} with the function's jar, the runtime interface client and this
 * class on the class path, {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac} and the table's
 * environment.
 */
public final class PrimingReach {
    private PrimingReach() {
    }

    /** Loaded once priming is done, or skipped: its line in a class loading log ends the init and priming. */
    static final class Primed {
    }

    /** Loaded once the first request is answered: its line in a class loading log ends the first request. */
    static final class Answered {
    }

    /**
     * Builds the handler, primes it or not, and sends two creates.
     *
     * @param args {@code primed} or {@code unprimed}
     */
    public static void main(String[] args) throws Exception {
        boolean primed = args[0].equals("primed");
        long start = System.nanoTime();
        TodoHandler handler = new TodoHandler();
        long built = System.nanoTime();
        if (primed) {
            runtimeHooks();
        }
        long ready = System.nanoTime();
        new Primed();
        APIGatewayV2HTTPResponse first = handler.handleRequest(create(1), null);
        long answered = System.nanoTime();
        new Answered();
        APIGatewayV2HTTPResponse second = handler.handleRequest(create(2), null);
        long answeredAgain = System.nanoTime();
        if (first.getStatusCode() != 201 || second.getStatusCode() != 201) {
            throw new IllegalStateException("expected two 201 answers, got " + first + " and " + second);
        }
        System.out.println(millis(built - start) + "\t" + millis(ready - built) + "\t" + millis(answered - ready)
                + "\t" + millis(answeredAgain - answered));
    }

    /**
     * Runs the hooks of every resource registered with Lambda's runtime, as it does around a snapshot: the
     * before-checkpoint hooks (without the runtime's own DNS cache clearing, a native call of the real platform),
     * then the after-restore hooks.
     */
    private static void runtimeHooks() throws ReflectiveOperationException {
        Class<?> core = Class.forName("com.amazonaws.services.lambda.crac.Core");
        Class<?> context = Class.forName("com.amazonaws.services.lambda.crac.Context");
        Object global = core.getMethod("getGlobalContext").invoke(null);
        Method beforeCheckpoint = global.getClass().getDeclaredMethod("executeBeforeCheckpointHooks");
        beforeCheckpoint.setAccessible(true);
        beforeCheckpoint.invoke(global);
        context.getMethod("afterRestore", context).invoke(global, (Object) null);
    }

    /** {@code POST /todos} from the benchmarks' caller, as API Gateway sends it. */
    private static APIGatewayV2HTTPEvent create(int n) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath("/todos")
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"title\": \"Measure priming " + n + "\", \"dueDate\": \"2026-12-24\"}")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default")
                        .withRequestId("priming-reach-" + n)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath("/todos").withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", TodoEvents.OWNER)).build())
                                .build())
                        .build())
                .build();
    }

    private static String millis(long nanos) {
        return Double.toString(nanos / 1e6);
    }
}
