package coffer.logs.control;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per log record, on one line: time, level, logger, thread, message, the stack
 * trace if any. A task run's line (it starts with {@code task=... run=... instance=...}) also
 * carries those three as fields, so a log shipper can select one run's lines without parsing text.
 */
public class JsonLogFormat extends Formatter {

    private static final Pattern RUN = Pattern.compile("^task=(\\S+) run=(\\d+) instance=(\\S+)");

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        JsonObjectBuilder line =
                Json.createObjectBuilder()
                        .add("time", record.getInstant().toString())
                        .add("level", record.getLevel().getName())
                        .add("logger", String.valueOf(record.getLoggerName()))
                        .add("thread", record.getLongThreadID())
                        .add("message", message);
        Matcher run = RUN.matcher(message);
        if (run.find()) {
            line.add("task", run.group(1))
                    .add("run", Long.parseLong(run.group(2)))
                    .add("instance", run.group(3));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.add("exception", trace.toString());
        }
        return line.build() + System.lineSeparator();
    }
}
