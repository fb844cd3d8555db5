package io.github.dynacrud.lambda.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.IAM;
import io.github.dynacrud.http.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the IAM identity that API Gateway (IAM authorization) or a function URL ({@code AWS_IAM}) verified from a
 * SigV4 signature: {@code requestContext.authorizer.iam}.
 *
 * <p>The subject is the Cognito identity id when the caller signed with Cognito identity pool credentials, since
 * every user of a pool shares one role session; else the IAM {@code userId} ({@code AIDA...} for a user,
 * {@code AROA...:session} for a role session), which IAM never gives to another principal, unlike an ARN after a
 * user of the same name is re-created. Every field is a claim under its event name ({@code accessKey},
 * {@code accountId}, {@code callerId}, {@code principalOrgId}, {@code userArn}, {@code userId}), with
 * {@code cognitoIdentityId}, {@code cognitoIdentityPoolId}, {@code cognitoAmr} (space-separated) and {@code sub}.
 * IAM grants no OAuth scopes.
 */
final class IamPrincipals {
    private IamPrincipals() {
    }

    static Optional<Principal> of(IAM iam) {
        Map<String, String> claims = new LinkedHashMap<>();
        put(claims, "accessKey", iam.getAccessKey());
        put(claims, "accountId", iam.getAccountId());
        put(claims, "callerId", iam.getCallerId());
        put(claims, "principalOrgId", iam.getPrincipalOrgId());
        put(claims, "userArn", iam.getUserArn());
        put(claims, "userId", iam.getUserId());
        CognitoIdentity cognito = iam.getCognitoIdentity();
        if (cognito != null) {
            put(claims, "cognitoIdentityId", cognito.getIdentityId());
            put(claims, "cognitoIdentityPoolId", cognito.getIdentityPoolId());
            if (cognito.getAmr() != null) {
                put(claims, "cognitoAmr", cognito.getAmr().stream().filter(Objects::nonNull)
                        .collect(Collectors.joining(" ")));
            }
        }
        Optional<String> subject = Optional.ofNullable(claims.get("cognitoIdentityId"))
                .or(() -> Optional.ofNullable(claims.get("userId")));
        subject.ifPresent(sub -> claims.put("sub", sub));
        return subject.map(sub -> new Principal(sub, claims, Set.of()));
    }

    private static void put(Map<String, String> claims, String name, String value) {
        if (value != null && !value.isEmpty()) {
            claims.put(name, value);
        }
    }
}
