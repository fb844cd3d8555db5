package io.github.dynacrud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingRequestTest {
    @Test
    void toEvent_jsonPostOfACaller_isShapedAsApiGatewaySendsIt() {
        // GIVEN
        PrimingRequest request = PrimingRequest.post("/users?limit=1").subject("priming").scopes("users:write")
                .header("X-Trace", "a").json("{}").build();

        // WHEN
        APIGatewayV2HTTPEvent event = request.toEvent("priming-5");

        // THEN
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRawPath()).isEqualTo("/users");
        assertThat(event.getRawQueryString()).isEqualTo("limit=1");
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("limit", "1"));
        assertThat(event.getHeaders()).isEqualTo(Map.of("x-trace", "a", "content-type", "application/json"));
        assertThat(event.getBody()).isEqualTo("{}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("priming-5");
        assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo("/users");
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims()).isEqualTo(Map.of("sub", "priming"));
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getScopes()).isEqualTo(List.of("users:write"));
    }

    @Test
    void toEvent_withoutSubject_hasNoAuthorizer() {
        // GIVEN
        PrimingRequest request = PrimingRequest.get("/todos").build();

        // WHEN
        APIGatewayV2HTTPEvent event = request.toEvent("priming-1");

        // THEN
        assertThat(event.getRequestContext().getAuthorizer()).isNull();
        assertThat(event.getRawQueryString()).isEmpty();
        assertThat(event.getQueryStringParameters()).isNull();
        assertThat(event.getBody()).isNull();
    }

    @Test
    void build_scopesWithoutSubject_isRefusedNamingTheScopes() {
        assertThatThrownBy(() -> PrimingRequest.post("/users").scopes("users:write").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("scopes [users:write] need a subject: call subject(..) too");
    }

    @Test
    void request_relativePath_isRefusedNamingIt() {
        assertThatThrownBy(() -> PrimingRequest.get("todos"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a priming request's path starts with '/': 'todos'");
    }
}
