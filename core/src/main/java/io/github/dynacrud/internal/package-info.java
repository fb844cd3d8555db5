/** Implementation details of dynacrud core; not public API, free to change between versions. */
package io.github.dynacrud.internal;
