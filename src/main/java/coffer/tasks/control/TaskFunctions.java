package coffer.tasks.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The task functions deployed, by the name {@code tasks.function_name} uses. */
@ApplicationScoped
public class TaskFunctions {

    @Inject @Any Instance<TaskFunction> deployed;

    private Map<String, TaskFunction> byName;

    @PostConstruct
    void index() {
        byName =
                deployed.stream()
                        .collect(Collectors.toMap(TaskFunction::name, Function.identity()));
    }

    public Optional<TaskFunction> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
