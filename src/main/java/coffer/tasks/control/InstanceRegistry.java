package coffer.tasks.control;

import coffer.BulkUpdates;
import coffer.tasks.entity.Instance;
import coffer.tasks.entity.Task;
import coffer.tasks.entity.TaskRun;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The instances that run tasks: registration, heartbeats, and how loaded the live ones are. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class InstanceRegistry {

    @PersistenceContext
    EntityManager entityManager;

    @Inject
    TaskSettings settings;

    /** Records that this instance (re)started; a restart under a known id starts afresh. */
    public void register(LocalInstance local) {
        int known = BulkUpdates.named(entityManager, Instance.REGISTER)
                .setParameter("id", local.id())
                .setParameter("host", local.host())
                .setParameter("httpPort", local.httpPort())
                .executeUpdate();
        if (known == 0) {
            entityManager.persist(new Instance(local.id(), local.host(), local.httpPort()));
        }
    }

    public void heartbeat(String instanceId) {
        BulkUpdates.named(entityManager, Instance.HEARTBEAT).setParameter("id", instanceId)
                .executeUpdate();
    }

    public void markStopped(String instanceId) {
        BulkUpdates.named(entityManager, Instance.STOP).setParameter("id", instanceId)
                .executeUpdate();
    }

    public int liveCount() {
        return live().size();
    }

    /** Every live instance with its runs in progress and its starts in the fairness window. */
    public List<InstanceLoad> liveLoads() {
        List<String> live = live();
        Map<String, Long> running = counts(entityManager.createNamedQuery(
                Task.RUNNING_PER_INSTANCE, Object[].class).getResultList());
        Map<String, Long> starts = counts(entityManager.createNamedQuery(
                TaskRun.STARTS_PER_INSTANCE, Object[].class)
                .setParameter("minusWindowMillis", -settings.fairnessWindow().toMillis())
                .getResultList());
        return live.stream().map(id -> new InstanceLoad(id, running.getOrDefault(id, 0L),
                starts.getOrDefault(id, 0L))).toList();
    }

    private List<String> live() {
        return entityManager.createNamedQuery(Instance.LIVE, String.class)
                .setParameter("minusTimeoutMillis", -settings.instanceTimeout().toMillis())
                .getResultList();
    }

    private static Map<String, Long> counts(List<Object[]> rows) {
        return rows.stream().collect(Collectors.toMap(row -> (String) row[0],
                row -> ((Number) row[1]).longValue()));
    }
}
