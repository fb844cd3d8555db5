/**
 * Runs a dynacrud {@link io.github.dynacrud.http.Router} on AWS Lambda behind an API Gateway HTTP API (payload
 * format 2.0): {@link io.github.dynacrud.lambda.HttpApiHandler} to subclass, and
 * {@link io.github.dynacrud.lambda.SnapStartPriming} with {@link io.github.dynacrud.lambda.PrimingRequest} to warm the
 * handler before a SnapStart snapshot. Test event builders live in {@code dynacrud-test}, the local server in
 * {@code dynacrud-local}: a function's jar carries neither.
 */
package io.github.dynacrud.lambda;
