/**
 * Failures shared by every dynacrud module: {@link io.github.dynacrud.DynacrudException} and its subclasses, each
 * mapped to one HTTP status.
 */
package io.github.dynacrud;
