/**
 * The real parts tests run against, and that the run command starts: a PostgreSQL server (embedded,
 * or the one named by {@code DB_URL}), fresh databases on it, Payara Micro processes with the WAR,
 * and an HTTP client for the API.
 */
package coffer.testing;
