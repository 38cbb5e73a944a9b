package coffer.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any integration test runs, provides the database the Payara Micro of the Arquillian tests
 * connects to, and publishes it as system properties that {@code arquillian.xml} passes on to that
 * process. Payara Micro is a separate process, so the database must be up, at an address it can be
 * told, before it boots; a JUnit extension would run too late.
 *
 * <p>Only active where the build asks for it ({@code coffer.test.database}), so unit tests never
 * start a database.
 */
public class TestDatabaseSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("coffer.test.database") == null
                || System.getProperty("coffer.test.db.url") != null) {
            return;
        }
        Database database = PostgresServer.forTests().freshDatabase("coffer_it");
        System.setProperty("coffer.test.db.url", database.url());
        System.setProperty("coffer.test.db.user", database.user());
        System.setProperty("coffer.test.db.password", database.password());
    }

    /** The database the Arquillian tests' Payara Micro uses. */
    public static Database database() {
        return new Database(
                System.getProperty("coffer.test.db.url"),
                System.getProperty("coffer.test.db.user"),
                System.getProperty("coffer.test.db.password"));
    }
}
