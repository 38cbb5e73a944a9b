/**
 * Strict reading of JSON request bodies. JSON-B would quietly turn {@code "2"} into 2 and
 * {@code 2.5} into 2; here a field is either exactly the type the API documents or the request
 * is refused with an {@link coffer.problems.entity.InvalidRequest} that names the field.
 */
package coffer.requests;
