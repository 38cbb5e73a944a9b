package coffer.problems.entity;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The request cannot be processed as sent; {@code errors} names each offending field. */
public class InvalidRequest extends ProblemException {

    private static final long serialVersionUID = 1L;

    public InvalidRequest(String detail) {
        super(400, "invalid-request", "Invalid request", detail);
    }

    public InvalidRequest(List<FieldError> errors) {
        super(
                400,
                "invalid-request",
                "Invalid request",
                summary(errors),
                Map.of("errors", errors.stream().map(FieldError::asMap).toList()));
    }

    private static String summary(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")) + ".";
    }

    /** One field of the request and what is wrong with it. */
    public record FieldError(String field, String message) {

        Map<String, Object> asMap() {
            return Map.of("field", field, "message", message);
        }

        @Override
        public String toString() {
            return field + " " + message;
        }
    }
}
