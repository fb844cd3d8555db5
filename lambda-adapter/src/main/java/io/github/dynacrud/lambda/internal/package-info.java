/** Implementation details of the Lambda adapter; not public API, free to change between versions. */
package io.github.dynacrud.lambda.internal;
