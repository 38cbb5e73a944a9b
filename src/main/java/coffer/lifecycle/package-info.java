/**
 * How an instance stops without a false or missing answer. On SIGTERM, readiness goes DOWN, new
 * requests are then refused with {@code 503 shutting-down}, the requests in flight drain, and only
 * then does every component that holds work stop it ({@link coffer.lifecycle.control.Stopping}),
 * all before Payara Micro closes its listener and undeploys.
 *
 * <p>Rules: this component depends on none that does work; the components that hold work observe
 * {@code Stopping}, and readiness and admission ask {@link coffer.lifecycle.control.Draining}.
 */
package coffer.lifecycle;
