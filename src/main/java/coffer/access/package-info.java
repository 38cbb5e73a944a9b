/**
 * Access: who may call which route of the API. A caller proves who they are with a JWT from the
 * identity provider (MicroProfile JWT's configuration); the token's {@code groups} grant the roles
 * of {@link coffer.Roles}, and each route names the roles it needs with {@code @RolesAllowed}, or
 * is open with {@code @Open}.
 *
 * <p>Rules: {@link coffer.access.boundary.AccessGate} decides before any route runs, so a refused
 * request changes nothing; 401 without a token the service accepts, 403 without the role, both as
 * problem details that do not say what was wrong with a token. The merch shop's routes are open
 * here and check the shop's own tokens, which are never accepted on any other route (another key,
 * another algorithm). The loopback sandbox ({@code AUTH_SANDBOX}) opens every route, and the
 * application refuses to start with it unless every HTTP listener is bound to loopback.
 */
package coffer.access;
