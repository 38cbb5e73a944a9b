package coffer.operators.entity;

import coffer.problems.entity.ProblemException;

/** An action on an instance that has no operator token configured: nobody may act through it. */
public class ConsoleReadOnly extends ProblemException {

    private static final long serialVersionUID = 1L;

    public ConsoleReadOnly() {
        super(
                403,
                "console-read-only",
                "Actions are disabled",
                "This instance has no operator token (CONSOLE_TOKEN) configured, so its console"
                        + " and action routes are read-only. Nothing was changed.");
    }
}
