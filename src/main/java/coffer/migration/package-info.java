/**
 * Flyway owns the schema: versioned scripts in {@code db/migration}, applied at startup, never
 * edited once released. JPA never generates DDL.
 */
package coffer.migration;
