/**
 * Flyway owns the schema: versioned scripts in {@code db/migration}, applied at startup, never
 * edited once released. JPA never generates DDL. On a Citus cluster the same schema is then placed
 * over the nodes (which tables are distributed, co-located, reference or local), by {@code
 * CitusLayout}, after every migration.
 */
package coffer.migration;
