/**
 * How Coffer's log lines are written: Payara's own format by default, one JSON object per line for
 * log shippers with {@code LOG_FORMAT=json}.
 *
 * <p>Rules: a leaf; it changes only the formatters of the handlers it found, and gives them back
 * when the application stops, so nothing of it outlives an undeployment.
 */
package coffer.logs;
