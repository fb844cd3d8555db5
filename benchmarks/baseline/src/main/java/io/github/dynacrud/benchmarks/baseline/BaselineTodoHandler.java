package io.github.dynacrud.benchmarks.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The todo API written by hand on the low-level DynamoDB client, without dynacrud: the benchmarks' floor.
 *
 * <pre>{@code
 * // template.yaml: Handler: io.github.dynacrud.benchmarks.baseline.BaselineTodoHandler::handleRequest
 * BaselineTodoHandler handler = new BaselineTodoHandler(dynamoDb, Map.of("TABLE_NAME", "todos"));
 * APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
 * }</pre>
 */
public final class BaselineTodoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final String COLLECTION = "/todos";
    private static final String ITEM_PREFIX = COLLECTION + "/";
    private static final int MAX_ID_LENGTH = 256;
    // A todo body is one flat object: anything deeper is refused before it costs parsing time.
    private static final int MAX_NESTING_DEPTH = 32;

    private final TodoTable table;
    private final ObjectMapper mapper;
    private final PageCursor cursors;
    private final Responses responses;

    /** Creates the handler Lambda runs, configured from {@code TABLE_NAME}, {@code AWS_REGION} and the endpoint. */
    public BaselineTodoHandler() {
        this(defaultClient(System.getenv()), System.getenv());
    }

    /**
     * Creates a handler on a given client, for tests and benchmarks.
     *
     * @param dynamoDb    the DynamoDB client
     * @param environment variables; {@code TABLE_NAME} is required
     */
    public BaselineTodoHandler(DynamoDbClient dynamoDb, Map<String, String> environment) {
        this.table = new TodoTable(Objects.requireNonNull(dynamoDb, "dynamoDb"), tableName(environment));
        this.mapper = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_NESTING_DEPTH).build())
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.cursors = new PageCursor(mapper);
        this.responses = new Responses(mapper);
    }

    /** Answers one HTTP API (payload format 2.0) request. */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return route(event);
        } catch (HttpProblem problem) {
            return responses.problem(problem.status(), problem.detail());
        } catch (RuntimeException e) {
            // Messages may quote request or item data: the log gets the type and the request id only.
            System.err.println("request " + requestId(event) + " failed: " + e.getClass().getName());
            return responses.problem(500, "an unexpected error occurred");
        }
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        String path = Objects.requireNonNullElse(event.getRawPath(), "");
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "" : Objects.requireNonNullElse(event.getRequestContext().getHttp().getMethod(), "");
        if (path.equals(COLLECTION)) {
            return switch (method) {
                case "POST" -> create(owner(event), body(event));
                case "GET" -> list(owner(event), ListParams.parse(event.getRawQueryString()));
                default -> responses.methodNotAllowed("GET, POST");
            };
        }
        if (path.startsWith(ITEM_PREFIX)) {
            String id = path.substring(ITEM_PREFIX.length());
            // '#' would reach into the sort key's structure, '/' is another path: neither can name a todo.
            if (id.isEmpty() || id.length() > MAX_ID_LENGTH || id.indexOf('#') >= 0 || id.indexOf('/') >= 0) {
                throw HttpProblem.notFound("no todo has this id");
            }
            return switch (method) {
                case "GET" -> get(owner(event), id);
                case "PATCH" -> patch(owner(event), id, ifMatch(event), TodoChanges.from(body(event)));
                default -> responses.methodNotAllowed("GET, PATCH");
            };
        }
        throw HttpProblem.notFound("no route matches this path");
    }

    private APIGatewayV2HTTPResponse create(String owner, JsonNode body) {
        return responses.created(TodoJson.of(table.create(owner, NewTodo.from(body))));
    }

    private APIGatewayV2HTTPResponse get(String owner, String id) {
        return responses.found(TodoJson.of(table.find(owner, id)
                .orElseThrow(() -> HttpProblem.notFound("no todo has this id"))));
    }

    private APIGatewayV2HTTPResponse patch(String owner, String id, Long expectedVersion, TodoChanges changes) {
        return responses.found(TodoJson.of(table.patch(owner, id, changes, expectedVersion)));
    }

    /**
     * The version {@code If-Match} expects: none without the header or with {@code *}, else the one strong tag of a
     * version such as {@code "3"}; any other tag can never match a todo's, so the patch fails its precondition.
     */
    private static Long ifMatch(APIGatewayV2HTTPEvent event) {
        String ifMatch = event.getHeaders() == null ? null : event.getHeaders().get("if-match");
        if (ifMatch == null || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.length() >= 3 && tag.length() <= 20 && tag.startsWith("\"") && tag.endsWith("\"")
                && tag.substring(1, tag.length() - 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        }
        throw HttpProblem.preconditionFailed("If-Match names no version of this todo");
    }

    private APIGatewayV2HTTPResponse list(String owner, ListParams params) {
        Map<String, AttributeValue> startKey = params.cursor() == null
                ? null : cursors.decode(params.cursor(), TodoTable.partition(owner));
        QueryResponse page = table.page(owner, params.limit(), startKey);
        ObjectNode body = mapper.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (Map<String, AttributeValue> item : page.items()) {
            items.add(TodoJson.of(item));
        }
        // The SDK answers an empty map, not null, when the last page has been read.
        body.put("nextCursor", page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? cursors.encode(page.lastEvaluatedKey()) : null);
        return responses.ok(body);
    }

    private static String owner(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        Map<String, String> claims = jwt == null ? null : jwt.getClaims();
        String subject = claims == null ? null : claims.get("sub");
        if (subject == null || subject.isEmpty()) {
            throw HttpProblem.unauthorized("this API needs an authenticated caller");
        }
        return subject;
    }

    private JsonNode body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            throw HttpProblem.badRequest("a JSON body is required");
        }
        byte[] bytes;
        try {
            bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : null;
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("the body is not valid base64");
        }
        JsonNode json;
        try {
            json = bytes == null ? mapper.readTree(body) : mapper.readTree(bytes);
        } catch (IOException e) {
            throw HttpProblem.badRequest("the body is not valid JSON");
        }
        // Jackson reads an empty body as no node at all rather than failing.
        if (json == null || json.isMissingNode()) {
            throw HttpProblem.badRequest("a JSON body is required");
        }
        return json;
    }

    private static String requestId(APIGatewayV2HTTPEvent event) {
        return event == null || event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    private static String tableName(Map<String, String> environment) {
        String tableName = environment.get("TABLE_NAME");
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalStateException("set the TABLE_NAME environment variable to the DynamoDB table's name");
        }
        return tableName;
    }

    private static DynamoDbClient defaultClient(Map<String, String> environment) {
        // Fails on a missing table name before paying for a client that could not be used.
        tableName(environment);
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        String region = environment.get("AWS_REGION");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = environment.get("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
