package coffer.tasks.control;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * How far a run is: step {@code step} of {@code steps} done ({@code steps} null when the work
 * cannot tell in advance), and what the step did. Reported with each lease renewal.
 */
@JsonbNillable
@JsonbPropertyOrder({"step", "steps", "note"})
public record Progress(int step, Integer steps, String note) {

    /** Longer notes are cut: they are for people reading the console, not for records. */
    static final int NOTE_MAX = 200;

    public Progress {
        if (note != null && note.length() > NOTE_MAX) {
            note = note.substring(0, NOTE_MAX - 3) + "...";
        }
    }
}
