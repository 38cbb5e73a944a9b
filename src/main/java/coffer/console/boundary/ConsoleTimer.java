package coffer.console.boundary;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The console's once-a-second push. Non-persistent and per instance: each instance feeds the
 * consoles connected to it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConsoleTimer {

    @Inject ConsoleFeed feed;

    @Schedule(
            second = "*",
            minute = "*",
            hour = "*",
            persistent = false,
            timezone = "UTC",
            info = "coffer console feed")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void publish() {
        feed.publish();
    }
}
