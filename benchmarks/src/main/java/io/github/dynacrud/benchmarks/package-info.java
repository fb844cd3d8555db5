/**
 * The benchmarks of docs/performance.md: cold starts of the deployable jars under the Lambda runtime interface client,
 * JMH benchmarks of warm requests, and the report that writes their figures. {@link
 * io.github.dynacrud.benchmarks.BenchmarkSuite} runs them all.
 */
package io.github.dynacrud.benchmarks;
