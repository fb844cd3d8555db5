package io.github.dynacrud.examples.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.Index;
import io.github.dynacrud.table.IdempotencyStore;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks that template.yaml deploys what the code needs: the handler class and jar that exist, SnapStart, the table
 * the entity is written to, a least-privilege policy, the JWT authorizer and the API URL.
 */
class TemplateContractTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final String HANDLER = "io.github.dynacrud.examples.todo.TodoHandler::handleRequest";
    /** The DynamoDB requests the repository makes for an entity without unique attributes. */
    private static final Set<String> NEEDED_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");

    private static Map<String, Object> template;
    private static Map<String, Object> resources;
    private static Map<String, Object> function;

    @BeforeAll
    static void readTemplate() throws Exception {
        try (InputStream in = Files.newInputStream(MODULE.resolve("template.yaml"))) {
            template = map(new Yaml(new CloudFormationConstructor()).load(in));
        }
        resources = map(template.get("Resources"));
        function = properties(resourceOfType("AWS::Serverless::Function"));
    }

    @Test
    void template_isASamTemplate() {
        // GIVEN the template

        // WHEN / THEN
        assertThat(template.get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
        assertThat(template.get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
        assertThat(resourcesOfType("AWS::Serverless::Function")).hasSize(1);
    }

    @Test
    void handler_namesTodoHandlerWhichLambdaCanConstructAndCall() throws Exception {
        // GIVEN
        String handler = (String) functionProperty("Handler");

        // WHEN
        String[] parts = handler.split("::");
        Class<?> type = Class.forName(parts[0]);

        // THEN
        assertThat(handler).isEqualTo(HANDLER);
        assertThat(type).isEqualTo(TodoHandler.class);
        assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
        assertThat(Modifier.isAbstract(type.getModifiers())).isFalse();
        Constructor<?> noArgs = type.getConstructor();
        assertThat(Modifier.isPublic(noArgs.getModifiers())).isTrue();
        assertThat(type.getMethod(parts[1], APIGatewayV2HTTPEvent.class, Context.class).getReturnType())
                .isEqualTo(APIGatewayV2HTTPResponse.class);
        assertThat(RequestHandler.class.isAssignableFrom(type)).isTrue();
        assertThat(requestHandlerTypeArguments(type))
                .containsExactly(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class);
    }

    @Test
    void codeUri_isTheJarThePomBuilds() throws Exception {
        // GIVEN
        Document pom = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(MODULE.resolve("pom.xml").toFile());

        // WHEN the shade plugin's output file, which is the deployable jar
        String shadedJar = pom.getElementsByTagName("outputFile").item(0).getTextContent().trim();
        String packaging = childText(pom.getDocumentElement(), "packaging");

        // THEN
        assertThat(functionProperty("CodeUri")).isEqualTo("target/todo-example.jar");
        assertThat(shadedJar).isEqualTo("${project.build.directory}/todo-example.jar");
        assertThat(packaging == null || packaging.equals("jar")).as("packaging %s", packaging).isTrue();
    }

    @Test
    void runtime_isJava21WithSnapStartOnPublishedVersions() {
        // GIVEN the function, with the template's Globals

        // WHEN
        Map<String, Object> snapStart = map(functionProperty("SnapStart"));

        // THEN
        assertThat(functionProperty("Runtime")).isEqualTo("java21");
        assertThat(snapStart).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        // SnapStart applies to published versions only; SAM publishes one when the function has an alias.
        assertThat(functionProperty("AutoPublishAlias")).isInstanceOf(String.class);
    }

    @Test
    void memoryAndTimeout_areSetWithinWhatAnHttpApiCanWaitFor() {
        // GIVEN the function, with the template's Globals

        // WHEN
        Object memory = functionProperty("MemorySize");
        Object timeout = functionProperty("Timeout");

        // THEN
        assertThat(memory).isInstanceOf(Integer.class);
        assertThat((Integer) memory).isBetween(512, 10240);
        assertThat(timeout).isInstanceOf(Integer.class);
        // An HTTP API gives up on its integration after 30 seconds.
        assertThat((Integer) timeout).isBetween(3, 30);
    }

    @Test
    void environment_namesTheTableByRefAndTheAllowedOriginsByParameter() {
        // GIVEN
        Map<String, Object> variables = map(map(functionProperty("Environment")).get("Variables"));

        // WHEN
        Object tableName = variables.get("TABLE_NAME");
        Object origins = variables.get("ALLOWED_ORIGINS");

        // THEN
        assertThat(tableName).isEqualTo(Map.of("Ref", tableResourceName()));
        assertThat(origins).isInstanceOf(Map.class);
        String parameter = (String) map(origins).get("Ref");
        assertThat(map(map(template.get("Parameters")).get(parameter)).get("Default")).isEqualTo("*");
    }

    @Test
    void table_hasExactlyTheKeysAndIndexTheTodoEntityWrites() {
        // GIVEN
        Map<String, Object> table = properties(resources.get(tableResourceName()));

        // WHEN
        Map<String, Object> attributes = new LinkedHashMap<>();
        list(table.get("AttributeDefinitions")).forEach(d -> attributes.put((String) map(d).get("AttributeName"),
                map(d).get("AttributeType")));
        List<Object> indexes = list(table.get("GlobalSecondaryIndexes"));

        // THEN
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table).doesNotContainKeys("ProvisionedThroughput", "LocalSecondaryIndexes");
        assertThat(table.get("KeySchema")).isEqualTo(List.of(
                Map.of("AttributeName", Entity.PARTITION_KEY, "KeyType", "HASH"),
                Map.of("AttributeName", Entity.SORT_KEY, "KeyType", "RANGE")));
        assertThat(attributes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PK", "S", "SK", "S", "GSI1PK", "S", "GSI1SK", "S"));
        assertThat(indexes).hasSize(1);
        Map<String, Object> gsi1 = map(indexes.get(0));
        assertThat(gsi1).containsOnlyKeys("IndexName", "KeySchema", "Projection");
        assertThat(gsi1.get("IndexName")).isEqualTo("GSI1");
        assertThat(gsi1.get("KeySchema")).isEqualTo(List.of(
                Map.of("AttributeName", "GSI1PK", "KeyType", "HASH"),
                Map.of("AttributeName", "GSI1SK", "KeyType", "RANGE")));
        assertThat(gsi1.get("Projection")).isEqualTo(Map.of("ProjectionType", "ALL"));

        // AND the entity writes to exactly these indexes
        assertThat(Todo.ENTITY.indexes()).hasSize(1);
        Index index = Todo.ENTITY.indexes().get(0);
        assertThat(index.name()).isEqualTo("GSI1");
        assertThat(index.partitionKeyAttribute()).isEqualTo("GSI1PK");
        assertThat(index.sortKeyAttribute()).isEqualTo("GSI1SK");
    }

    @Test
    void table_enablesTtlOnTheAttributeIdempotencyRecordsExpireBy() {
        // GIVEN
        Map<String, Object> table = properties(resources.get(tableResourceName()));

        // WHEN
        Object ttl = table.get("TimeToLiveSpecification");

        // THEN
        assertThat(ttl).isEqualTo(Map.of("AttributeName", IdempotencyStore.DEFAULT_EXPIRY_ATTRIBUTE,
                "Enabled", true));
        assertThat(Todo.ENTITY.ttlAttribute()).as("the todos themselves never expire").isEmpty();
    }

    @Test
    void policy_allowsOnlyTheDynamoDbActionsTheHandlerNeedsOnTheTableAndItsIndexes() {
        // GIVEN
        List<Object> policies = list(functionProperty("Policies"));

        // WHEN
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : policies) {
            assertThat(policy).as("a policy document, not a SAM policy template or a managed policy name")
                    .isInstanceOf(Map.class);
            list(map(policy).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        Set<Object> actions = new LinkedHashSet<>();
        Set<Object> resourcesAllowed = new LinkedHashSet<>();
        for (Map<String, Object> statement : statements) {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            assertThat(statement).doesNotContainKeys("NotAction", "NotResource");
            actions.addAll(listOrOne(statement.get("Action")));
            resourcesAllowed.addAll(listOrOne(statement.get("Resource")));
        }

        // THEN
        // An idempotent create is a TransactWriteItems of two Puts, which IAM authorizes as dynamodb:PutItem each; with no
        // unique attributes and no condition checks, nothing else is needed.
        assertThat(Todo.ENTITY.uniqueAttributes()).isEmpty();
        assertThat(actions).containsExactlyInAnyOrderElementsOf(NEEDED_ACTIONS);
        assertThat(resourcesAllowed).containsExactlyInAnyOrder(
                Map.of("Fn::GetAtt", List.of(tableResourceName(), "Arn")),
                Map.of("Fn::Sub", "${" + tableResourceName() + ".Arn}/index/*"));
        assertThat(function).doesNotContainKeys("Role");
    }

    @Test
    void api_authorizesWithAJwtWhoseIssuerAndAudienceAreParameters() {
        // GIVEN
        String apiName = singleResourceName("AWS::Serverless::HttpApi");
        Map<String, Object> auth = map(properties(resources.get(apiName)).get("Auth"));

        // WHEN
        String defaultAuthorizer = (String) auth.get("DefaultAuthorizer");
        Map<String, Object> authorizer = map(map(auth.get("Authorizers")).get(defaultAuthorizer));
        Map<String, Object> jwt = map(authorizer.get("JwtConfiguration"));

        // THEN
        assertThat(authorizer.get("IdentitySource")).isEqualTo("$request.header.Authorization");
        Map<String, Object> parameters = map(template.get("Parameters"));
        assertThat(jwt.get("issuer")).isEqualTo(Map.of("Ref", "JwtIssuer"));
        assertThat(jwt.get("audience")).isEqualTo(Map.of("Ref", "JwtAudience"));
        assertThat(map(parameters.get("JwtIssuer")).get("Type")).isEqualTo("String");
        assertThat(map(parameters.get("JwtAudience")).get("Type")).isEqualTo("CommaDelimitedList");
        assertThat(map(parameters.get("JwtIssuer"))).doesNotContainKey("Default");
    }

    @Test
    void events_routeEveryPathToTheFunctionAndLetPreflightsThroughWithoutAuth() {
        // GIVEN
        String apiName = singleResourceName("AWS::Serverless::HttpApi");
        Map<String, Object> events = map(function.get("Events"));

        // WHEN
        List<Map<String, Object>> routes = new ArrayList<>();
        events.values().forEach(e -> {
            assertThat(map(e).get("Type")).isEqualTo("HttpApi");
            routes.add(properties(e));
        });

        // THEN
        assertThat(routes).allSatisfy(route -> assertThat(route.get("ApiId")).isEqualTo(Map.of("Ref", apiName)));
        assertThat(routes).anySatisfy(route -> {
            assertThat(route.get("Path")).isEqualTo("/{proxy+}");
            assertThat(route.get("Method")).isEqualTo("ANY");
            assertThat(route).doesNotContainKey("Auth");
        });
        assertThat(routes).anySatisfy(route -> {
            assertThat(route.get("Path")).isEqualTo("/{proxy+}");
            assertThat(route.get("Method")).isEqualTo("OPTIONS");
            assertThat(route.get("Auth")).isEqualTo(Map.of("Authorizer", "NONE"));
        });
    }

    @Test
    void outputs_giveTheApiUrl() {
        // GIVEN
        String apiName = singleResourceName("AWS::Serverless::HttpApi");
        Map<String, Object> outputs = map(template.get("Outputs"));

        // WHEN
        List<Object> values = outputs.values().stream().map(o -> map(o).get("Value")).toList();

        // THEN
        assertThat(values).contains(Map.of("Fn::Sub",
                "https://${" + apiName + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}"));
    }

    @Test
    void references_allNameAParameterAResourceOrAPseudoParameter() {
        // GIVEN
        Set<String> known = new LinkedHashSet<>(map(template.get("Parameters")).keySet());
        known.addAll(resources.keySet());

        // WHEN
        Set<String> referenced = new LinkedHashSet<>();
        collectReferences(template.get("Resources"), referenced);
        collectReferences(template.get("Outputs"), referenced);

        // THEN
        assertThat(referenced).isNotEmpty();
        assertThat(referenced).allSatisfy(name -> assertThat(known.contains(name) || name.startsWith("AWS::"))
                .as("reference to %s", name).isTrue());
    }

    // --- helpers ---

    private static Object functionProperty(String name) {
        if (function.containsKey(name)) {
            return function.get(name);
        }
        Map<String, Object> globals = map(map(template.getOrDefault("Globals", Map.of())).getOrDefault("Function",
                Map.of()));
        return globals.get(name);
    }

    private static String tableResourceName() {
        return singleResourceName("AWS::DynamoDB::Table");
    }

    private static String singleResourceName(String type) {
        List<String> names = resourcesOfType(type);
        assertThat(names).as("resources of type %s", type).hasSize(1);
        return names.get(0);
    }

    private static Object resourceOfType(String type) {
        return resources.get(singleResourceName(type));
    }

    private static List<String> resourcesOfType(String type) {
        return resources.entrySet().stream().filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, Object> properties(Object resource) {
        return map(map(resource).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static List<Object> listOrOne(Object value) {
        return value instanceof List<?> ? list(value) : List.of(value);
    }

    private static Type[] requestHandlerTypeArguments(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        return new Type[0];
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!.]+)(\\.[^}]+)?}");

    private static void collectReferences(Object node, Set<String> referenced) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("Ref".equals(key) && value instanceof String name) {
                    referenced.add(name);
                } else if ("Fn::GetAtt".equals(key) && value instanceof List<?> parts) {
                    referenced.add((String) parts.get(0));
                } else if ("Fn::Sub".equals(key) && value instanceof String text) {
                    Matcher variable = SUB_VARIABLE.matcher(text);
                    while (variable.find()) {
                        referenced.add(variable.group(1));
                    }
                }
                collectReferences(value, referenced);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collectReferences(item, referenced));
        }
    }

    private static String childText(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    /**
     * Reads CloudFormation's short-form intrinsics ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) as the long form
     * they stand for, {@code {"Ref": ...}} or {@code {"Fn::Name": ...}}, so the template is plain maps and lists.
     */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(org.yaml.snakeyaml.nodes.Node node) {
                    String name = node.getTag().getValue().substring(1);
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                        if (name.equals("GetAtt")) {
                            String[] parts = ((String) value).split("\\.", 2);
                            value = List.of(parts);
                        }
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
                }
            });
        }
    }
}
