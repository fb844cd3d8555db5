/**
 * The local development server: {@link io.github.dynacrud.lambda.local.LocalServer} serves the deployed handler class
 * over real HTTP on 127.0.0.1, turning each request into an API Gateway payload 2.0 event. Development only.
 */
package io.github.dynacrud.lambda.local;
