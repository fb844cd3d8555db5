/** Implementation details of the HTTP layer; not public API, free to change between versions. */
package io.github.dynacrud.http.internal;
