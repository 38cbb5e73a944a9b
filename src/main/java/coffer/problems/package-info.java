/**
 * Problem details (RFC 9457): every error a client sees is {@code application/problem+json} with a
 * stable {@code type}, a {@code title} and a {@code detail} that says what to fix.
 *
 * <p>Rules: a problem is a value ({@link coffer.problems.entity.Problem}); a {@link
 * coffer.problems.entity.ProblemException} carries one when it is thrown, and a refusal kept under
 * an idempotency key is one. {@code Problems} in {@code boundary} builds every problem response,
 * naming the request's path as the {@code instance}; {@code ProblemWriter} writes the body as the
 * response is sent, so filters before it (the metrics, the shop's {@code errors} member) read and
 * change the value, never text; {@code ProblemDocuments} is the only code that knows the document's
 * shape. Nothing an internal exception says (message, class, SQL, stack) ever reaches a client: the
 * last mapper answers anything unexpected with an incident id only.
 */
package coffer.problems;
