/**
 * Problem details (RFC 9457): every error a client sees is {@code application/problem+json} with
 * a stable {@code type}, a {@code title} and a {@code detail} that says what to fix.
 *
 * <p>Rules: domain code throws a {@link coffer.problems.entity.ProblemException}; the mappers in
 * {@code boundary} are the only place responses for errors are built; nothing an internal
 * exception says (message, class, SQL, stack) ever reaches a client.
 */
package coffer.problems;
