/**
 * The benchmark ({@code ./mvnw -Pbenchmark}): Coffer's throughput and latency over HTTP next to
 * what the same PostgreSQL does with the same UPDATE under pgbench, in one run on one machine.
 * Measurements, not tests: nothing here asserts a time.
 */
package coffer.benchmark;
