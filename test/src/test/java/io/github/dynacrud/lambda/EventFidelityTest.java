package io.github.dynacrud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.test.HttpApiEvents;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Payload 2.0 events as API Gateway sends them (JSON fixtures in {@code src/test/resources/events}, read with the
 * Lambda runtime's own serializer), run through an {@link EchoHandler} that shows what the adapter extracted, and
 * through the todo resource over a mocked {@link DynamoDbClient}.
 */
class EventFidelityTest {
    private final EchoHandler echo = new EchoHandler();
    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final TodoTestHandler todos = new TodoTestHandler(dynamoDb, "todos");

    // ---- JWT authorizer ----

    @Test
    void jwtAuthorizer_claimsAndScopes_becomeThePrincipal() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("jwt-create-todo.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("method").asText()).isEqualTo("POST");
        assertThat(seen.get("path").asText()).isEqualTo("/todos");
        JsonNode principal = seen.get("principal");
        assertThat(principal.get("subject").asText()).isEqualTo("user-7f3c");
        assertThat(principal.get("claims").get("email").asText()).isEqualTo("ada@example.com");
        assertThat(principal.get("claims").get("cognito:groups").asText()).isEqualTo("[editors readers]");
        assertThat(principal.get("claims").get("iss").asText())
                .isEqualTo("https://cognito-idp.us-east-2.amazonaws.com/us-east-2_EXAMPLE");
        assertThat(strings(principal.get("scopes"))).containsExactly("todos:read", "todos:write");
        assertThat(seen.get("body").asText()).isEqualTo("{\"title\":\"Buy oat milk\"}");
        assertThat(seen.get("contentType").asText()).isEqualTo("application/json");
        assertThat(seen.get("userAgent").asText()).isEqualTo("curl/8.5.0");
        assertThat(seen.get("requestId").asText()).isEqualTo("JKJaXmPLvHcESHA=");
    }

    @Test
    void jwtAuthorizer_createTodo_isA201StoredUnderTheSubject() {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        APIGatewayV2HTTPEvent event = load("jwt-create-todo.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json")
                .containsEntry("etag", "\"1\"");
        assertThat(response.getHeaders().get("location")).matches("/todos/[0-9A-Z]{26}");
        assertThat(response.getMultiValueHeaders()).isNull();
        assertThat(response.getIsBase64Encoded()).isFalse();
        JsonNode body = HttpApiEvents.json(response);
        assertThat(body.get("title").asText()).isEqualTo("Buy oat milk");
        assertThat(body.has("ownerId")).as("the owner is hidden").isFalse();
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        assertThat(put.getValue().item().get("PK").s()).isEqualTo("USER#user-7f3c");
        assertThat(put.getValue().item().get("title").s()).isEqualTo("Buy oat milk");
    }

    // ---- no authorizer, no body ----

    @Test
    void noAuthorizer_listTodos_isA401ProblemWithoutTouchingDynamoDb() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("list-todos-without-authorizer.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("instance").asText()).isEqualTo("JKJbAhGtvHcEJdw=");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void noBody_event_reachesTheRouteWithAnEmptyBodyAndNoPrincipal() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("list-todos-without-authorizer.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("method").asText()).isEqualTo("GET");
        assertThat(seen.get("body").asText()).isEmpty();
        assertThat(seen.get("bodyBase64").asText()).isEmpty();
        assertThat(seen.get("principal").isNull()).isTrue();
        assertThat(seen.get("query").size()).isZero();
        assertThat(seen.get("cookies").size()).isZero();
        assertThat(seen.get("contentType").isNull()).isTrue();
        assertThat(seen.get("userAgent").asText()).startsWith("Mozilla/5.0 (X11; Linux x86_64");
        assertThat(seen.get("requestId").asText()).isEqualTo("JKJbAhGtvHcEJdw=");
    }

    // ---- named stage ----

    @Test
    void namedStage_rawPath_losesTheStagePrefixAndScopesComeFromTheScopeClaim() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("named-stage.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("path").asText()).isEqualTo("/todos");
        assertThat(seen.get("pathParameters").get("path").asText()).isEqualTo("todos");
        assertThat(strings(seen.get("query").get("limit"))).containsExactly("5");
        assertThat(seen.get("contentType").asText()).isEqualTo("application/json; charset=utf-8");
        assertThat(seen.get("principal").get("subject").asText()).isEqualTo("user-prod-1");
        assertThat(strings(seen.get("principal").get("scopes"))).containsExactly("todos:read", "todos:write");
    }

    @Test
    void namedStage_listTodos_queriesTheCallersPartitionWithTheLimit() {
        // GIVEN
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of()).build());
        APIGatewayV2HTTPEvent event = load("named-stage.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        JsonNode body = HttpApiEvents.json(response);
        assertThat(body.get("items").isArray()).isTrue();
        assertThat(body.get("items").size()).isZero();
        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb).query(query.capture());
        assertThat(query.getValue().limit()).isEqualTo(5);
        assertThat(query.getValue().expressionAttributeValues().values())
                .contains(AttributeValue.fromS("USER#user-prod-1"));
    }

    @Test
    void namedStage_rawPathOfTheStageAlone_isTheRoot() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("named-stage.json");
        event.setRawPath("/prod");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("path").asText()).isEqualTo("/");
    }

    @Test
    void namedStage_pathThatOnlyStartsWithTheStageName_isKeptWhole() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("named-stage.json");
        event.setRawPath("/production/todos");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("path").asText()).isEqualTo("/production/todos");
    }

    @Test
    void namedStage_keepsTheStageAsTheBasePath() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("named-stage.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("basePath").asText()).isEqualTo("/prod");
        assertThat(seen.get("path").asText()).isEqualTo("/todos");
    }

    @Test
    void namedStage_createTodo_answersALocationUnderTheStage() {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        APIGatewayV2HTTPEvent event = load("iam-create-todo.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json")
                .containsEntry("etag", "\"1\"");
        String id = HttpApiEvents.json(response).get("id").asText();
        assertThat(id).matches("[0-9A-Z]{26}");
        assertThat(response.getHeaders()).containsEntry("location", "/prod/todos/" + id);
    }

    @Test
    void defaultStage_createTodo_answersALocationAtTheRoot() {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        APIGatewayV2HTTPEvent event = load("jwt-create-todo.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        String id = HttpApiEvents.json(response).get("id").asText();
        assertThat(response.getHeaders()).containsEntry("location", "/todos/" + id);
    }

    // ---- custom domains ----

    @Test
    void customDomain_createTodo_answersALocationUnderTheApiMappingsBasePath() {
        // GIVEN a router with basePath("/v1"), reached through api.example.com/v1, mapped to the stage prod
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        TodoTestHandler mapped = new TodoTestHandler(dynamoDb, "todos", "/v1");
        APIGatewayV2HTTPEvent event = load("custom-domain-create-todo.json");

        // WHEN
        APIGatewayV2HTTPResponse response = mapped.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode body = HttpApiEvents.json(response);
        assertThat(body.get("title").asText()).isEqualTo("Renew the domain");
        assertThat(response.getHeaders()).containsEntry("location", "/v1/todos/" + body.get("id").asText())
                .containsEntry("etag", "\"1\"");
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        assertThat(put.getValue().item().get("PK").s()).isEqualTo("USER#user-9d2a");
    }

    @Test
    void customDomain_namedStage_isNotInThePathSoAPathStartingWithItsNameIsKeptWhole() {
        // GIVEN: a custom domain's mapping chose the stage prod; the client asked for /prod/reports
        APIGatewayV2HTTPEvent event = load("custom-domain-create-todo.json");
        event.setRawPath("/prod/reports");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("basePath").asText()).isEmpty();
        assertThat(seen.get("path").asText()).isEqualTo("/prod/reports");
    }

    // ---- IAM authorization ----

    @Test
    void iamAuthorizer_identityBecomesThePrincipalWithTheUserIdAsSubject() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("iam-create-todo.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        JsonNode principal = seen.get("principal");
        assertThat(principal.get("subject").asText()).isEqualTo("AIDACKCEVSQ6C2EXAMPLE");
        assertThat(Json.mapper().convertValue(principal.get("claims"), Map.class)).isEqualTo(Map.of(
                "sub", "AIDACKCEVSQ6C2EXAMPLE",
                "accessKey", "AKIAIOSFODNN7EXAMPLE",
                "accountId", "111122223333",
                "callerId", "AIDACKCEVSQ6C2EXAMPLE",
                "principalOrgId", "o-a1b2c3d4e5",
                "userArn", "arn:aws:iam::111122223333:user/report-builder",
                "userId", "AIDACKCEVSQ6C2EXAMPLE"));
        assertThat(principal.get("scopes").size()).isZero();
        assertThat(seen.get("basePath").asText()).isEqualTo("/prod");
        assertThat(seen.get("path").asText()).isEqualTo("/todos");
    }

    @Test
    void iamAuthorizer_cognitoIdentityPoolCaller_isItsIdentityNotTheSharedRoleSession() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("iam-cognito-identity.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        JsonNode principal = seen.get("principal");
        assertThat(principal.get("subject").asText()).isEqualTo("us-east-2:3a9f8e7d-6c5b-4a3f-9e8d-7c6b5a4f3e2d");
        JsonNode claims = principal.get("claims");
        assertThat(claims.get("sub").asText()).isEqualTo("us-east-2:3a9f8e7d-6c5b-4a3f-9e8d-7c6b5a4f3e2d");
        assertThat(claims.get("cognitoIdentityPoolId").asText())
                .isEqualTo("us-east-2:5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a");
        assertThat(claims.get("cognitoAmr").asText()).startsWith("authenticated cognito-idp.us-east-2.amazonaws.com/");
        assertThat(claims.get("userId").asText()).isEqualTo("AROAJQABLZS4A3QDU576Q:CognitoIdentityCredentials");
        assertThat(claims.has("principalOrgId")).as("a null field is no claim").isFalse();
    }

    @Test
    void iamAuthorizer_listTodos_readsTheCallersPartition() {
        // GIVEN
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of()).build());
        APIGatewayV2HTTPEvent event = load("iam-cognito-identity.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb).query(query.capture());
        assertThat(query.getValue().expressionAttributeValues().values())
                .contains(AttributeValue.fromS("USER#us-east-2:3a9f8e7d-6c5b-4a3f-9e8d-7c6b5a4f3e2d"));
    }

    @Test
    void iamAuthorizer_withoutAUserId_isNoPrincipal() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("iam-create-todo.json");
        event.getRequestContext().getAuthorizer().getIam().setUserId("");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(HttpApiEvents.json(response).get("detail").asText())
                .isEqualTo("this route needs an authenticated caller");
        verifyNoInteractions(dynamoDb);
    }

    // ---- function URLs ----

    @Test
    void functionUrlWithIam_createTodo_isStoredUnderTheRoleSessionWithALocationAtTheRoot() {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        APIGatewayV2HTTPEvent event = load("function-url-iam.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode body = HttpApiEvents.json(response);
        assertThat(body.get("title").asText()).isEqualTo("Sync the calendar");
        assertThat(response.getHeaders()).containsEntry("location", "/todos/" + body.get("id").asText())
                .containsEntry("content-type", "application/json");
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        assertThat(put.getValue().item().get("PK").s()).isEqualTo("USER#AROAXMPLE3Q4TEXAMPLE:nightly-sync");
    }

    @Test
    void functionUrlWithoutAuth_isReadLikeAnHttpApiEventWithoutPrincipal() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("function-url-public.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("method").asText()).isEqualTo("GET");
        assertThat(seen.get("basePath").asText()).isEmpty();
        assertThat(seen.get("path").asText()).isEqualTo("/echo/items");
        assertThat(strings(seen.get("query").get("tag"))).containsExactly("a", "b");
        assertThat(seen.get("cookies").get("session").asText()).isEqualTo("7d1e2f3a");
        assertThat(seen.get("principal").isNull()).isTrue();
        assertThat(seen.get("requestId").asText()).isEqualTo("0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f");
    }

    @Test
    void functionUrl_withoutAStage_isServedAtTheRoot() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("function-url-public.json");
        event.getRequestContext().setStage(null);

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("basePath").asText()).isEmpty();
        assertThat(seen.get("path").asText()).isEqualTo("/echo/items");
    }

    // ---- headers ----

    @Test
    void headers_sentWithAnyCase_areFoundWhateverTheCaseAsked() {
        // GIVEN: an event built by hand or by another proxy, with header names not in lower case
        APIGatewayV2HTTPEvent event = load("cookies.json");
        event.setHeaders(Map.of("Content-Type", "text/plain; charset=utf-8", "User-Agent", "Hand/1.0",
                "X-Request-Tag", "a,b"));

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("contentType").asText()).isEqualTo("text/plain; charset=utf-8");
        assertThat(seen.get("userAgent").asText()).isEqualTo("Hand/1.0");
        assertThat(strings(seen.get("headers").get("x-request-tag"))).containsExactly("a,b");
    }

    @Test
    void nullHeaders_areNoHeaders() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("cookies.json");
        event.setHeaders(null);

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("headers").size()).isZero();
        assertThat(seen.get("contentType").isNull()).isTrue();
        assertThat(seen.get("cookies").get("session").asText()).isEqualTo("3f9a0c7e-51b2-4d6e");
    }

    // ---- cookies ----

    @Test
    void cookies_fromTheCookiesArray_areSplitAtTheFirstEqualsAndTheFirstOfARepeatedNameWins() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("cookies.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        JsonNode cookies = seen.get("cookies");
        assertThat(cookies.size()).isEqualTo(3);
        assertThat(cookies.get("session").asText()).isEqualTo("3f9a0c7e-51b2-4d6e");
        assertThat(cookies.get("theme").asText()).isEqualTo("dark");
        assertThat(cookies.get("token").asText()).isEqualTo("YWJjPWRlZg==");
        assertThat(seen.get("headers").has("cookie")).isFalse();
    }

    // ---- query strings ----

    @Test
    void repeatedQueryKey_onTheTodoList_isA400NamingTheParameter() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("repeated-query-key.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("done");
        assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("must be given once");
        assertThat(problem.get("instance").asText()).isEqualTo("JKJeDnQcvHcEJ5A=");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void repeatedQueryKey_isReadFromRawQueryStringAsTwoValues() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("repeated-query-key.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("query").size()).isEqualTo(1);
        assertThat(strings(seen.get("query").get("done"))).containsExactly("true", "false");
    }

    @Test
    void multiValueQuery_keepsEveryValueInOrderDecodedOnce() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("multi-value-query.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        JsonNode query = seen.get("query");
        assertThat(strings(query.get("tag"))).containsExactly("home", "errand run", "urgent");
        assertThat(strings(query.get("q"))).containsExactly("café au lait");
        assertThat(strings(query.get("list"))).containsExactly("a,b");
        assertThat(strings(query.get("empty"))).containsExactly("");
        assertThat(strings(query.get("flag"))).containsExactly("");
        assertThat(query.size()).isEqualTo(5);
        assertThat(seen.get("path").asText()).isEqualTo("/echo/search");
    }

    @Test
    void queryWithoutRawQueryString_fallsBackToQueryStringParameters() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("multi-value-query.json");
        event.setRawQueryString(null);

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(strings(seen.get("query").get("tag"))).containsExactly("home,errand run,urgent");
        assertThat(strings(seen.get("query").get("q"))).containsExactly("café au lait");
    }

    @Test
    void badPercentEscapeInTheQuery_isA400Problem() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("bad-query-escape.json");

        // WHEN
        APIGatewayV2HTTPResponse response = echo.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.get("detail").asText()).isEqualTo("the query string is not correctly percent-encoded");
        assertThat(problem.get("instance").asText()).isEqualTo("JKJoNxAmvHcEKFK=");
    }

    // ---- bodies ----

    @Test
    void base64JsonBody_isDecodedBeforeTheTodoIsRead() {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        APIGatewayV2HTTPEvent event = load("base64-json-body.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = HttpApiEvents.json(response);
        assertThat(body.get("title").asText()).isEqualTo("Café ☕ order");
        assertThat(body.get("dueDate").asText()).isEqualTo("2026-03-14");
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        assertThat(put.getValue().item().get("PK").s()).isEqualTo("USER#user-b64");
        assertThat(put.getValue().item().get("title").s()).isEqualTo("Café ☕ order");
    }

    @Test
    void base64BinaryBody_reachesTheRouteAsTheOriginalBytes() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("base64-binary-body.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("method").asText()).isEqualTo("PUT");
        assertThat(seen.get("contentType").asText()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(seen.get("bodyBase64").asText())).containsExactly(
                0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
                0xFF, 0xFE, 0x00, 0x80);
    }

    @Test
    void invalidBase64Body_isA400ProblemWithoutTouchingDynamoDb() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("invalid-base64-body.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.get("detail").asText()).isEqualTo("the body is not valid base64");
        assertThat(problem.get("instance").asText()).isEqualTo("JKJnMwZlvHcEKEJ=");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void invalidBase64Body_neverReachesARouteAsOtherBytes() {
        // GIVEN: the PNG fixture with characters outside the base64 alphabet in its body
        APIGatewayV2HTTPEvent event = load("base64-binary-body.json");
        event.setBody("iVBORw0K!!GgoAAAANSUhEUv/+AIA=");

        // WHEN
        APIGatewayV2HTTPResponse response = echo.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).as("status of %s", response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(HttpApiEvents.json(response).get("detail").asText()).isEqualTo("the body is not valid base64");
    }

    // ---- Lambda authorizer ----

    @Test
    void lambdaAuthorizer_contextBecomesThePrincipalWithPrincipalIdAsSubject() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("lambda-authorizer.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        JsonNode principal = seen.get("principal");
        assertThat(principal.get("subject").asText()).isEqualTo("user-42");
        assertThat(principal.get("claims").get("tenant").asText()).isEqualTo("acme");
        assertThat(principal.get("claims").get("admin").asText()).isEqualTo("false");
        assertThat(principal.get("claims").get("quota").asText()).isEqualTo("100");
        assertThat(strings(principal.get("scopes"))).containsExactly("todos:read", "todos:write");
    }

    @Test
    void lambdaAuthorizer_listTodos_readsThePrincipalsPartition() {
        // GIVEN
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of()).build());
        APIGatewayV2HTTPEvent event = load("lambda-authorizer.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb).query(query.capture());
        assertThat(query.getValue().expressionAttributeValues().values())
                .contains(AttributeValue.fromS("USER#user-42"));
    }

    // ---- OPTIONS and HEAD ----

    @Test
    void optionsPreflight_isA204WithCorsHeadersAndNoAuthentication() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("options-preflight.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getHeaders()).containsEntry("access-control-allow-origin", "*")
                .containsEntry("access-control-max-age", "600");
        assertThat(response.getHeaders().get("access-control-allow-methods")).contains("POST");
        assertThat(response.getHeaders().get("access-control-allow-headers")).contains("Authorization");
        assertThat(response.getBody()).isEmpty();
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getMultiValueHeaders()).isNull();
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void optionsPreflight_fromAnAllowedOrigin_namesThatOriginAndAllowsCredentials() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("options-preflight.json");

        // WHEN
        APIGatewayV2HTTPResponse response = echo.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getHeaders()).containsEntry("access-control-allow-origin", EchoHandler.ORIGIN)
                .containsEntry("access-control-allow-credentials", "true")
                .containsEntry("vary", "Origin")
                .doesNotContainKey("x-echo-method");
        assertThat(response.getBody()).isEmpty();
    }

    @Test
    void head_isAnsweredByTheGetRouteWithHeadersAndNoBody() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("head-todo.json");

        // WHEN
        APIGatewayV2HTTPResponse response = echo.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("x-echo-method", "HEAD")
                .containsEntry("content-type", "application/json");
        assertThat(response.getBody()).isEmpty();
        assertThat(response.getIsBase64Encoded()).isFalse();
    }

    @Test
    void head_onATodo_readsItOnceAndAnswersItsETagWithoutABody() {
        // GIVEN
        when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder()
                .item(storedTodo("user-7f3c", "01HRZ3K7Q8X9V2M4N6P0R1S3T5", 3)).build());
        APIGatewayV2HTTPEvent event = load("head-todo.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("etag", "\"3\"")
                .containsEntry("content-type", "application/json");
        assertThat(response.getBody()).isEmpty();
        assertThat(response.getIsBase64Encoded()).isFalse();
        ArgumentCaptor<GetItemRequest> get = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamoDb).getItem(get.capture());
        assertThat(get.getValue().key()).containsEntry("PK", AttributeValue.fromS("USER#user-7f3c"))
                .containsEntry("SK", AttributeValue.fromS("TODO#01HRZ3K7Q8X9V2M4N6P0R1S3T5"));
    }

    // ---- paths ----

    @Test
    void percentEncodedPath_staysEncodedInThePathAndIsDecodedOnceInParameters() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("percent-encoded-path.json");

        // WHEN
        JsonNode seen = echoed(echo.handleRequest(event, null));

        // THEN
        assertThat(seen.get("path").asText()).isEqualTo("/echo/a%20b/caf%C3%A9/100%25/x%2Fy");
        assertThat(seen.get("pathParameters").get("path").asText()).isEqualTo("echo/a b/café/100%/x/y");
    }

    @Test
    void badPercentEscapeInThePath_isA400Problem() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("percent-encoded-path.json");
        event.setRawPath("/echo/100%/caf%C3");

        // WHEN
        APIGatewayV2HTTPResponse response = echo.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(HttpApiEvents.json(response).get("detail").asText())
                .isEqualTo("the path is not correctly percent-encoded");
    }

    // ---- malformed events ----

    @Test
    void unknownButWellFormedMethod_isA405ListingTheAllowedMethods() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("list-todos-without-authorizer.json");
        event.getRequestContext().getHttp().setMethod("BREW");

        // WHEN
        APIGatewayV2HTTPResponse response = echo.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json")
                .containsEntry("allow", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
    }

    @Test
    void malformedMethod_isA400Problem() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("list-todos-without-authorizer.json");
        event.getRequestContext().getHttp().setMethod("GET /todos HTTP/1.1");

        // WHEN
        APIGatewayV2HTTPResponse response = echo.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.get("detail").asText()).isEqualTo("the request has no valid HTTP method");
        assertThat(problem.get("instance").asText()).isEqualTo("JKJbAhGtvHcEJdw=");
    }

    @Test
    void eventWithoutRequestContextHttp_isA400ProblemNamingTheRequestId() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("missing-http.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(response.getMultiValueHeaders()).isNull();
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).isEqualTo("the event is not an HTTP API (payload 2.0) request");
        assertThat(problem.get("instance").asText()).isEqualTo("JKJmLvYkvHcEKDI=");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void eventWithoutRequestContext_isA400Problem() {
        // GIVEN
        APIGatewayV2HTTPEvent event = load("missing-request-context.json");

        // WHEN
        APIGatewayV2HTTPResponse response = todos.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(HttpApiEvents.json(response).get("status").asInt()).isEqualTo(400);
        verifyNoInteractions(dynamoDb);
    }

    // ---- helpers ----

    private static APIGatewayV2HTTPEvent load(String fixture) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + fixture);
    }

    /** Checks the echo route answered and returns what it saw. */
    private static JsonNode echoed(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as("status of %s", response.getBody()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(response.getMultiValueHeaders()).isNull();
        assertThat(response.getIsBase64Encoded()).isFalse();
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError("the echo body is not JSON: " + response.getBody(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array).as("a JSON array").isNotNull();
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** A todo as DynamoDB stores it, written out by hand. */
    private static Map<String, AttributeValue> storedTodo(String owner, String id, long version) {
        return Map.ofEntries(
                Map.entry("PK", AttributeValue.fromS("USER#" + owner)),
                Map.entry("SK", AttributeValue.fromS("TODO#" + id)),
                Map.entry("GSI1PK", AttributeValue.fromS("USER#" + owner)),
                Map.entry("GSI1SK", AttributeValue.fromS("DONE#false#" + id)),
                Map.entry("_type", AttributeValue.fromS("Todo")),
                Map.entry("ownerId", AttributeValue.fromS(owner)),
                Map.entry("id", AttributeValue.fromS(id)),
                Map.entry("title", AttributeValue.fromS("Water the plants")),
                Map.entry("done", AttributeValue.fromBool(false)),
                Map.entry("version", AttributeValue.fromN(Long.toString(version))),
                Map.entry("createdAt", AttributeValue.fromS("2024-03-14T07:00:00Z")),
                Map.entry("updatedAt", AttributeValue.fromS("2024-03-14T07:05:00Z")));
    }
}
