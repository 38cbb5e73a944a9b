package coffer.problems.boundary;

import coffer.problems.control.ProblemDocuments;
import coffer.problems.entity.Problem;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Writes a problem answer's body when the response is sent: after the transaction that refused the
 * request, and after the filters that read the problem as a value (the metrics, the shop's {@code
 * errors} member).
 */
@Provider
@Produces(ProblemDocuments.MEDIA_TYPE)
public class ProblemWriter implements MessageBodyWriter<Problem> {

    @Override
    public boolean isWriteable(
            Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Problem.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
            Problem problem,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream body)
            throws IOException {
        body.write(ProblemDocuments.write(problem).getBytes(StandardCharsets.UTF_8));
    }
}
