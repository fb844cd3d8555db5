/**
 * How an entity type is described: its record, key templates, indexes, and the attributes dynacrud manages (id,
 * owner, version, timestamps, time to live, unique and hidden attributes). Start at
 * {@link io.github.dynacrud.entity.Entity}.
 */
package io.github.dynacrud.entity;
