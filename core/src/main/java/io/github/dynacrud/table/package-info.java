/**
 * Reading and writing entities in one DynamoDB table: {@link io.github.dynacrud.table.SingleTable} makes one
 * {@link io.github.dynacrud.table.EntityRepository} per entity type; queries return
 * {@link io.github.dynacrud.table.Page}s with opaque cursors; {@link io.github.dynacrud.table.Scope} carries the
 * caller's owner id; {@link io.github.dynacrud.table.Condition}, {@link io.github.dynacrud.table.Precondition} and
 * {@link io.github.dynacrud.table.Changes} make conditional writes, filters and typed patches with update operators.
 */
package io.github.dynacrud.table;
