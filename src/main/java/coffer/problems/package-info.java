/**
 * Problem details (RFC 9457): every error a client sees is {@code application/problem+json} with a
 * stable {@code type}, a {@code title} and a {@code detail} that says what to fix.
 *
 * <p>Rules: a problem is a {@link coffer.problems.entity.ProblemException}, thrown or (for a
 * refusal kept under an idempotency key) returned as a value. {@code Problems} in {@code boundary}
 * is the only code that writes a problem document: the exception mappers use it for thrown
 * problems, {@code coffer.idempotency.boundary.Answers} for refusals answered as values, and both
 * name the request's path as the {@code instance}. Nothing an internal exception says (message,
 * class, SQL, stack) ever reaches a client: the last mapper answers anything unexpected with an
 * incident id only.
 */
package coffer.problems;
