package io.github.dynacrud.examples.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.test.FunctionJars;
import io.github.dynacrud.test.HttpApiEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the jar that template.yaml deploys, as {@code package} built it: what it holds, what it must not hold, and
 * that the handler runs from it alone.
 */
class DeployableJarIT {
    private static final Path JAR = Path.of(System.getProperty("basedir", ".")).resolve("target/todo-example.jar");

    private static List<String> entries;

    @BeforeAll
    static void readJar() throws Exception {
        assertThat(JAR).as("run after package").isRegularFile();
        entries = FunctionJars.entries(JAR);
        System.out.printf("%s: %,d bytes, %,d entries%n", JAR.getFileName(), Files.size(JAR), entries.size());
    }

    @Test
    void jar_holdsTheHandlerAndTheLibrary() {
        // GIVEN the jar

        // WHEN / THEN
        assertThat(entries).contains(
                "io/github/dynacrud/examples/todo/TodoHandler.class",
                "io/github/dynacrud/examples/todo/Todo.class",
                "io/github/dynacrud/lambda/HttpApiHandler.class",
                "io/github/dynacrud/http/Router.class",
                "io/github/dynacrud/table/EntityRepository.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                "org/hibernate/validator/HibernateValidator.class",
                "com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class",
                "io/github/dynacrud/lambda/logging/JsonLinesServiceProvider.class",
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        assertThat(entries).as("one SLF4J binding, so SLF4J never has to pick").noneMatch(e -> e.startsWith(
                "org/slf4j/simple/") || e.startsWith("ch/qos/logback/") || e.startsWith("org/apache/logging/"));
    }

    @Test
    void jar_holdsNoHeavyClientNorTestCode() {
        // GIVEN the jar

        // WHEN
        List<String> forbidden = FunctionJars.forbidden(entries);
        List<String> testClasses = entries.stream().filter(e -> e.endsWith("Test.class") || e.endsWith("IT.class")
                || e.equals("io/github/dynacrud/examples/todo/TodoLocal.class")).toList();

        // THEN
        assertThat(forbidden).isEmpty();
        assertThat(testClasses).isEmpty();
    }

    @Test
    void jar_hasNoSignatureFilesThatWouldFailVerificationAfterShading() {
        // GIVEN the jar

        // WHEN
        List<String> signatures = entries.stream().filter(e -> e.startsWith("META-INF/")
                && (e.endsWith(".SF") || e.endsWith(".DSA") || e.endsWith(".RSA"))).toList();

        // THEN
        assertThat(signatures).isEmpty();
    }

    @Test
    void handler_runsFromTheJarAloneAndAnswersWithoutDynamoDb() throws Exception {
        // GIVEN a class loader that sees the jar and the JDK, nothing of the test class path, and standard output
        // read as Lambda reads it
        PrintStream stdout = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try (URLClassLoader jar = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(jar);
            Class<?> handlerType = jar.loadClass("io.github.dynacrud.examples.todo.TodoHandler");
            assertThat(handlerType.getClassLoader()).isSameAs(jar);
            Class<?> clientType = jar.loadClass("software.amazon.awssdk.services.dynamodb.DynamoDbClient");
            Object client = jar.loadClass("io.github.dynacrud.table.SingleTable")
                    .getMethod("defaultClient", Map.class)
                    .invoke(null, Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9"));
            Class<?> tableType = jar.loadClass("io.github.dynacrud.table.SingleTable");
            Object table = tableType.getMethod("builder").invoke(null);
            table.getClass().getMethod("client", clientType).invoke(table, client);
            table.getClass().getMethod("tableName", String.class).invoke(table, "todos");
            Object handler = handlerType.getConstructor(tableType)
                    .newInstance(table.getClass().getMethod("build").invoke(table));
            JarEvents events = new JarEvents(jar);

            // WHEN a preflight, an unknown path and an invalid create, none of which needs DynamoDB, are handled
            int preflight = status(handler, events.of(HttpApiEvents.request("OPTIONS", "/todos")
                    .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")));
            int unknownPath = status(handler, events.of(HttpApiEvents.get("/nowhere").subject("user-1")));
            int invalidCreate = status(handler, events.of(HttpApiEvents.post("/todos").subject("user-1")
                    .json("{\"title\": \"\"}")));

            // THEN routing, CORS, JSON and validation all work from the jar
            assertThat(List.of(preflight, unknownPath, invalidCreate)).containsExactly(204, 404, 422);
            ((AutoCloseable) client).close();
        } finally {
            System.setOut(stdout);
            Thread.currentThread().setContextClassLoader(DeployableJarIT.class.getClassLoader());
        }
        // AND the jar's own SLF4J binding wrote each request as one JSON line
        List<String> logged = new ArrayList<>();
        for (String line : output.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode entry = new ObjectMapper().readTree(line);
            assertThat(entry.get("timestamp").asText()).as(line).isNotEmpty();
            assertThat(entry.get("level").asText()).as(line).isEqualTo("INFO");
            assertThat(entry.get("service").asText()).as(line).isNotEmpty();
            assertThat(entry.get("correlation_id").asText()).as(line).isNotEmpty();
            assertThat(entry.get("latency_ms").isIntegralNumber()).as(line).isTrue();
            logged.add(entry.get("method").asText() + " " + entry.get("route").asText() + " "
                    + entry.get("status").asInt());
        }
        assertThat(logged).containsExactly("OPTIONS CORS preflight 204", "GET null 404", "POST POST /todos 422");
    }

    private static int status(Object handler, Object event) throws Exception {
        Method handle = handler.getClass().getMethod("handleRequest", event.getClass(),
                handler.getClass().getClassLoader().loadClass("com.amazonaws.services.lambda.runtime.Context"));
        Object response = handle.invoke(handler, event, null);
        return (Integer) response.getClass().getMethod("getStatusCode").invoke(response);
    }

    /**
     * Carries events built here, where the test builder lives, into the jar's own event type: written as JSON by this
     * class path's Jackson, read by the jar's.
     */
    private record JarEvents(ClassLoader jar) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object of(HttpApiEvents.Builder event) throws Exception {
            String json = new ObjectMapper().writeValueAsString(event.build());
            Object mapper = jar.loadClass("com.fasterxml.jackson.databind.ObjectMapper").getConstructor().newInstance();
            Class<? extends Enum> feature = (Class<? extends Enum>) jar.loadClass(
                    "com.fasterxml.jackson.databind.DeserializationFeature");
            mapper.getClass().getMethod("configure", feature, boolean.class)
                    .invoke(mapper, Enum.valueOf(feature, "FAIL_ON_UNKNOWN_PROPERTIES"), false);
            return mapper.getClass().getMethod("readValue", String.class, Class.class).invoke(mapper, json,
                    jar.loadClass("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent"));
        }
    }
}
