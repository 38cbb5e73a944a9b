package coffer;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * Activates JAX-RS at the root of the context, so routes read {@code /balance/1}. Payara serves
 * {@code /health}, {@code /openapi} and {@code /metrics} from its own contexts beside this one.
 */
@ApplicationPath("")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Coffer",
                        version = "1.0",
                        description =
                                """
        High-load balance service: balances never go negative, no update is lost, and every \
        request gets a definite answer. Errors are RFC 9457 problem details \
        (application/problem+json)."""))
public class JAXRSConfiguration extends Application {}
