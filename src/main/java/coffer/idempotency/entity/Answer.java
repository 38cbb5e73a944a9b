package coffer.idempotency.entity;

/**
 * What a request was answered, as kept under its idempotency key: the status, the JSON body and the
 * Location header, if any. {@code replayed} marks an answer given again to a retry.
 */
public record Answer(int status, String body, String location, boolean replayed) {

    public static Answer of(int status, String body) {
        return new Answer(status, body, null, false);
    }

    public Answer asReplay() {
        return new Answer(status, body, location, true);
    }
}
