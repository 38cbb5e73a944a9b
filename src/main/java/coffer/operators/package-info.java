/**
 * Operators: who may act on the running cluster (run a task now, pause or resume it, queue a job
 * again) and the record of what they did.
 *
 * <p>Rules: an action route carries {@link coffer.operators.boundary.OperatorAction}; it is let
 * through only with {@code Authorization: Bearer <CONSOLE_TOKEN>}, refused 403 on an instance with
 * no token configured (the console is then read-only) and 401 without the right token. The operator
 * names themselves with the optional {@code Coffer-Operator} header; every action, refused ones
 * included, is logged with who, from where, when and how it ended.
 */
package coffer.operators;
