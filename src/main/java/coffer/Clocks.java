package coffer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The clock main code asks for the time, so that rules that depend on it can be tested with a clock
 * of the test's own. Only for this JVM's own timing (how long since start-up, since the last tick):
 * every decision shared between instances uses the database clock.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
