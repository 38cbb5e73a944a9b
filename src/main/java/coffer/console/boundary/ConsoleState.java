package coffer.console.boundary;

import coffer.jobs.boundary.Jobs;
import coffer.ledger.control.ExpireAccruals;
import coffer.tasks.boundary.Tasks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** What the console shows, read in one transaction. */
@Stateless
public class ConsoleState {

    @Inject Tasks tasks;

    @Inject Jobs jobs;

    public ConsoleView now() {
        return new ConsoleView(tasks.overview(), tasks.instances(), jobs.job(ExpireAccruals.JOB));
    }
}
