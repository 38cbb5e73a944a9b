package coffer.tasks.control;

import coffer.BulkUpdates;
import coffer.tasks.entity.InstanceRecord;
import coffer.tasks.entity.Task;
import coffer.tasks.entity.TaskRun;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The instances that run tasks: registration, heartbeats, and how loaded the live ones are. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class InstanceRegistry {

    private static final Logger LOG = Logger.getLogger(InstanceRegistry.class.getName());

    @PersistenceContext EntityManager entityManager;

    @Inject TaskSettings settings;

    /** Records that this instance (re)started; a restart under a known id starts afresh. */
    public void register(LocalInstance local) {
        boolean known =
                BulkUpdates.named(entityManager, InstanceRecord.REGISTER)
                        .setParameter("id", local.id())
                        .setParameter("name", local.name())
                        .setParameter("host", local.host())
                        .setParameter("httpPort", local.httpPort())
                        .atMostOne();
        if (!known) {
            entityManager.persist(
                    new InstanceRecord(local.id(), local.name(), local.host(), local.httpPort()));
        }
    }

    /**
     * Says this instance is alive. When its row is gone (deleted by hand while it ran), it
     * registers again: without a row it would count as dead and get no work.
     */
    public void heartbeat(LocalInstance local) {
        boolean alive =
                BulkUpdates.named(entityManager, InstanceRecord.HEARTBEAT)
                        .setParameter("id", local.id())
                        .atMostOne();
        if (!alive) {
            LOG.warning(() -> "Instance " + local.id() + " had no row; registering it again");
            register(local);
        }
    }

    /** Records a graceful stop; 0 rows: the row is gone, and a missing instance is not live. */
    public void markStopped(String instanceId) {
        BulkUpdates.named(entityManager, InstanceRecord.STOP)
                .setParameter("id", instanceId)
                .anyNumber();
    }

    /** The names of the instances of these ids, for people to read. */
    public InstanceNames names(Collection<String> ids) {
        List<String> known = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (known.isEmpty()) {
            return new InstanceNames(Map.of());
        }
        return new InstanceNames(
                entityManager
                        .createNamedQuery(InstanceRecord.WITH_IDS, InstanceRecord.class)
                        .setParameter("ids", known)
                        .getResultStream()
                        .collect(Collectors.toMap(InstanceRecord::id, InstanceRecord::name)));
    }

    public int liveCount() {
        return live().size();
    }

    /** Every live instance with its runs in progress and its starts in the fairness window. */
    public List<InstanceLoad> liveLoads() {
        List<String> live = live();
        Map<String, Long> running =
                counts(
                        entityManager
                                .createNamedQuery(Task.RUNNING_PER_INSTANCE, Object[].class)
                                .getResultList());
        Map<String, Long> starts =
                counts(
                        entityManager
                                .createNamedQuery(TaskRun.STARTS_PER_INSTANCE, Object[].class)
                                .setParameter(
                                        "minusWindowMillis", -settings.fairnessWindow().toMillis())
                                .getResultList());
        return live.stream()
                .map(
                        id ->
                                new InstanceLoad(
                                        id,
                                        running.getOrDefault(id, 0L),
                                        starts.getOrDefault(id, 0L)))
                .toList();
    }

    private List<String> live() {
        return entityManager
                .createNamedQuery(InstanceRecord.LIVE, String.class)
                .setParameter("minusTimeoutMillis", -settings.instanceTimeout().toMillis())
                .getResultList();
    }

    private static Map<String, Long> counts(List<Object[]> rows) {
        return rows.stream()
                .collect(
                        Collectors.toMap(
                                row -> (String) row[0], row -> ((Number) row[1]).longValue()));
    }
}
