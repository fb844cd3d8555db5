/**
 * Runs a dynacrud {@link io.github.dynacrud.http.Router} on AWS Lambda behind an API Gateway HTTP API (payload
 * format 2.0): {@link io.github.dynacrud.lambda.HttpApiHandler} to subclass, {@link io.github.dynacrud.lambda.HttpApiEvents}
 * to build events in tests, and {@link io.github.dynacrud.lambda.SnapStartPriming} to warm the handler before a
 * SnapStart snapshot.
 */
package io.github.dynacrud.lambda;
