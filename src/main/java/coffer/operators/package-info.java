/**
 * Operators: who may act on the running cluster (run a task now, pause or resume it, queue a job
 * again) and the record of what they did.
 *
 * <p>Rules: an action route carries {@link coffer.operators.boundary.OperatorAction} and needs the
 * operator role ({@code coffer.operator} in the token's groups, checked by {@code coffer.access});
 * the operator is the caller the token names. Every action, refused ones included, is logged with
 * who, from where, when and how it ended.
 */
package coffer.operators;
