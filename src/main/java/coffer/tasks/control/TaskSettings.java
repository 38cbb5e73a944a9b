package coffer.tasks.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the scheduler behaves, from MicroProfile Config (each key also as an environment variable:
 * {@code tasks.time-scale} is {@code TASKS_TIME_SCALE}). Defaults are production's.
 */
@ApplicationScoped
public class TaskSettings {

    private static final Logger LOG = Logger.getLogger(TaskSettings.class.getName());

    /** Whether this instance runs tasks at all. */
    @Inject
    @ConfigProperty(name = "tasks.enabled", defaultValue = "true")
    boolean enabled;

    /**
     * Multiplies every task interval and duration: 0.01 turns a 5-minute interval into 3 s and a
     * 2-minute run into 1.2 s, for tests and demos.
     */
    @Inject
    @ConfigProperty(name = "tasks.time-scale", defaultValue = "1")
    double timeScale;

    /** How long a lease lasts unless its owner renews it; the takeover delay after a crash. */
    @Inject
    @ConfigProperty(name = "tasks.lease-ttl", defaultValue = "PT60S")
    Duration leaseTtl;

    /** An instance without a heartbeat for this long no longer gets work assigned. */
    @Inject
    @ConfigProperty(name = "tasks.instance-timeout", defaultValue = "PT5S")
    Duration instanceTimeout;

    /** A due task its assigned instance has not claimed for this long may be taken by any. */
    @Inject
    @ConfigProperty(name = "tasks.claim-grace", defaultValue = "PT3S")
    Duration claimGrace;

    /** How far back runs count towards an instance's share (scaled by the time scale). */
    @Inject
    @ConfigProperty(name = "tasks.fairness-window", defaultValue = "PT1H")
    Duration fairnessWindow;

    /**
     * How long a graceful stop waits for the runs in progress to stop writing and end; within
     * Payara Micro's shutdown grace (3 s by default), while the database can still be reached.
     */
    @Inject
    @ConfigProperty(name = "tasks.stop-wait", defaultValue = "PT2S")
    Duration stopWait;

    /**
     * This instance's name, shown by the API, the console and the logs; by default the Payara Micro
     * instance name ({@code --name}). Its id is this and a suffix unique to each boot (see {@link
     * LocalInstance}); the key keeps its older name so that configurations keep working.
     */
    @Inject
    @ConfigProperty(name = "tasks.instance-id")
    Optional<String> instanceName;

    @PostConstruct
    void check() {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException(
                    "tasks.time-scale must be positive, not " + timeScale);
        }
        if (instanceTimeout.compareTo(leaseTtl) >= 0) {
            LOG.warning(
                    () ->
                            "tasks.instance-timeout ("
                                    + instanceTimeout
                                    + ") is not shorter"
                                    + " than tasks.lease-ttl ("
                                    + leaseTtl
                                    + "): a crashed instance may still be"
                                    + " assigned work when its leases expire, delaying takeover.");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public double timeScale() {
        return timeScale;
    }

    /** A production duration at this instance's time scale, never shorter than a millisecond. */
    public Duration scaled(Duration real) {
        return Duration.ofNanos(Math.max(1_000_000, Math.round(real.toNanos() * timeScale)));
    }

    public Duration leaseTtl() {
        return leaseTtl;
    }

    public Duration instanceTimeout() {
        return instanceTimeout;
    }

    public Duration claimGrace() {
        return claimGrace;
    }

    public Duration fairnessWindow() {
        return scaled(fairnessWindow);
    }

    public Duration stopWait() {
        return stopWait;
    }

    public Optional<String> instanceName() {
        return instanceName.filter(name -> !name.isBlank());
    }
}
