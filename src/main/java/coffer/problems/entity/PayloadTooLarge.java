package coffer.problems.entity;

/** A request body far larger than any this API accepts. */
public class PayloadTooLarge extends ProblemException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLarge(int maxBytes) {
        super(
                413,
                "payload-too-large",
                "Payload too large",
                "The request body is larger than "
                        + maxBytes
                        + " bytes; requests of this API are small JSON objects.");
    }
}
