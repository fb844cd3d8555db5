/**
 * An SLF4J 2 provider for AWS Lambda functions: {@link io.github.dynacrud.lambda.logging.JsonLinesServiceProvider}
 * writes every log event as one JSON line on standard output, which Lambda sends to CloudWatch Logs, with the keys of
 * Powertools for AWS Lambda's structured logging. Put the artifact on a function's runtime class path; SLF4J finds it.
 */
package io.github.dynacrud.lambda.logging;
