/**
 * The JSON lines provider's logger, settings and line writer. Not public API.
 */
package io.github.dynacrud.lambda.logging.internal;
