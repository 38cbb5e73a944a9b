package coffer.ledger.boundary;

import coffer.ledger.control.Openings;
import coffer.ledger.entity.Opening;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * The transaction of an import: every user of it is opened (or found there already, from an earlier
 * run of the same import) or none is. Written in chunks, each logged, so a large import shows its
 * progress in the log.
 */
@Stateless
public class Imports {

    /** Users per chunk: large enough that a chunk's three statements dwarf their round trips. */
    static final int CHUNK = 5000;

    private static final Logger LOG = Logger.getLogger(Imports.class.getName());

    @Inject Openings openings;

    public Imported open(List<Opening> users) {
        openings.reserveNumbers(users);
        int opened = 0;
        for (int first = 0; first < users.size(); first += CHUNK) {
            int end = Math.min(users.size(), first + CHUNK);
            opened += openings.open(users.subList(first, end), first);
            int done = end;
            int openedSoFar = opened;
            LOG.info(
                    () ->
                            "Import: "
                                    + done
                                    + " of "
                                    + users.size()
                                    + " users written ("
                                    + openedSoFar
                                    + " opened, "
                                    + (done - openedSoFar)
                                    + " there already); committed when all are");
        }
        return new Imported(users.size(), opened, users.size() - opened);
    }
}
