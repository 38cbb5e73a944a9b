package coffer.ledger.control;

import coffer.jobs.control.JobRecords;
import coffer.jobs.control.JobRun;
import coffer.ledger.entity.Accrual;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Write-offs of expired lots, one user per transaction, counted on the job that made them. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WriteOffs {

    @PersistenceContext EntityManager entityManager;

    @Inject Books books;

    @Inject JobRecords records;

    public List<Long> usersWithExpiredPoints(int max) {
        return entityManager
                .createNamedQuery(Accrual.USERS_TO_WRITE_OFF, Long.class)
                .setMaxResults(max)
                .getResultList();
    }

    /** Writes off the user's expired lots and counts them on the job, in one transaction. */
    public Books.WriteOff writeOff(JobRun run, long userId) {
        Books.WriteOff writeOff = books.writeOff(userId);
        if (writeOff.lots() > 0) {
            records.count(run, writeOff.lots(), writeOff.amount());
        }
        return writeOff;
    }
}
