package coffer.problems.entity;

/** A request body far larger than any this API accepts. */
public class PayloadTooLarge extends ProblemException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLarge(long maxBytes) {
        super(
                413,
                "payload-too-large",
                "Payload too large",
                "The request body is larger than "
                        + maxBytes
                        + " bytes, the most this route takes.");
    }
}
