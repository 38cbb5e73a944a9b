package coffer.problems.boundary;

import coffer.problems.entity.ProblemException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Domain problems (insufficient funds, unknown user, invalid input ...) as problem details. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Context UriInfo request;

    @Override
    public Response toResponse(ProblemException problem) {
        if (problem.status() >= 500) {
            String path = request == null ? null : request.getRequestUri().getRawPath();
            return Problems.of(
                    problem,
                    Map.of("incident", Incidents.of(problem.status(), problem.type(), path)),
                    request);
        }
        return Problems.of(problem, request);
    }
}
