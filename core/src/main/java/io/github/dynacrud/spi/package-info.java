/**
 * The service provider interface: what a transport that runs dynacrud on some platform (the Lambda adapter is one)
 * calls besides the public API. Applications do not need it. Everything here is kept compatible like public API; the
 * {@code internal} packages are not, and no other artifact uses them.
 */
package io.github.dynacrud.spi;
