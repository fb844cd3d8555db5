/**
 * Transport-agnostic HTTP: {@link io.github.dynacrud.http.HttpRequest} and {@link io.github.dynacrud.http.HttpResponse}
 * values, the {@link io.github.dynacrud.http.Router} with its filters, CORS policy and RFC 9457 problem responses, the
 * shared JSON mapper, and the one-line CRUD resource of an entity. Nothing here knows about Lambda.
 */
package io.github.dynacrud.http;
