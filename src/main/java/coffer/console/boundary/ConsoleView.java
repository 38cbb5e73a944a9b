package coffer.console.boundary;

import coffer.jobs.boundary.JobView;
import coffer.tasks.boundary.InstanceView;
import coffer.tasks.boundary.TasksOverview;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** Everything the console shows at one moment, as one event of its stream. */
@JsonbPropertyOrder({"tasks", "instances", "job"})
public record ConsoleView(TasksOverview tasks, List<InstanceView> instances, JobView job) {}
