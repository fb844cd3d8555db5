/**
 * Running a dynacrud API on your machine, for a {@code run} profile or integration tests, never in a function's jar:
 * {@link io.github.dynacrud.local.LocalServer} serves the deployed handler class over real HTTP on 127.0.0.1, turning
 * each request into an API Gateway payload 2.0 event; {@link io.github.dynacrud.local.LocalDynamoDb} embeds DynamoDB
 * Local; {@link io.github.dynacrud.local.LocalTable} creates a table from entities;
 * {@link io.github.dynacrud.local.LocalApi} starts all three for one API. Development only.
 */
package io.github.dynacrud.local;
