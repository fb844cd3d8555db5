/**
 * Reading and writing entities in one DynamoDB table: {@link io.github.dynacrud.table.SingleTable} makes one
 * {@link io.github.dynacrud.table.EntityRepository} per entity type; queries return
 * {@link io.github.dynacrud.table.Page}s with opaque cursors; {@link io.github.dynacrud.table.Scope} carries the
 * caller's owner id.
 */
package io.github.dynacrud.table;
