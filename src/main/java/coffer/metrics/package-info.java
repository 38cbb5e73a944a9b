/**
 * Coffer's own metrics, exported in Prometheus' text format at {@code /prometheus}: requests per
 * route, money outcomes, task runs, the JVM. Payara's {@code /metrics} keeps what Payara measures;
 * its MicroProfile Metrics histograms come from a decaying sample of 1028 values, so their buckets
 * are not counts Prometheus can {@code rate()} or add across instances. Micrometer's are.
 *
 * <p>Rules: a leaf that any component may use and that uses none; label values come from a small
 * fixed set (a route template, a task name, a kind), never from a user id or a key; recording is a
 * map look-up and an atomic add, nothing that waits.
 */
package coffer.metrics;
