/**
 * The todo API written by hand on the low-level DynamoDB client, without dynacrud: the floor the benchmarks measure
 * dynacrud's cold start, per-request cost and jar size against. It stores the same item shape as dynacrud's todo
 * example, so both read the same table.
 */
package io.github.dynacrud.benchmarks.baseline;
