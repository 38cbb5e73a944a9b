/**
 * The API's documentation. Payara Micro builds {@code /openapi} from the resources' annotations
 * merged with {@code META-INF/openapi.yaml}, which holds what they share: the problem-details
 * schema and the error responses with examples. {@code /swagger-ui/} renders it; Payara Micro ships
 * no UI, so the page is served from the Swagger UI webjar inside the WAR.
 */
package coffer.openapi;
