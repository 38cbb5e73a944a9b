package coffer.metrics.boundary;

import coffer.Open;
import coffer.metrics.control.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * Coffer's metrics for Prometheus to scrape. Not under {@code /metrics}: Payara Micro serves its
 * own MicroProfile Metrics there, in front of the application, and keeps doing so.
 */
@ApplicationScoped
@Open
@Path("prometheus")
public class PrometheusResource {

    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject Meters meters;

    @GET
    @Produces(TEXT_FORMAT)
    public String scrape() {
        return meters.scrape();
    }
}
