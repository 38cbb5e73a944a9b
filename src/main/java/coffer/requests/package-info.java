/**
 * Strict reading of JSON request bodies. JSON-B would quietly turn {@code "2"} into 2 and {@code
 * 2.5} into 2; here a field is either exactly the type the API documents or the request is refused
 * with an {@link coffer.problems.entity.InvalidRequest} that names the field.
 *
 * <p>One rule for every route: the body is read by {@code JsonObjectReader} (size, UTF-8, syntax,
 * nesting, duplicate names; {@code StrictJson}) and its fields through {@code JsonFields}, which
 * also refuses every member the route did not ask for. What is ambiguous is refused, never guessed
 * at; the README's "Bad input" lists each case.
 */
package coffer.requests;
