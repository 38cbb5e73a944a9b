package coffer.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any integration test runs, makes the tests' identity provider ({@link
 * Identity#forTests()}) and publishes its public key's file as a system property that {@code
 * arquillian.xml} passes to the Payara Micro it starts: that process must know the key when it
 * boots. Only where the build asks for a test database, so unit tests make no key.
 */
public class TestIdentitySession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("coffer.test.database") == null) {
            return;
        }
        Identity identity = Identity.forTests();
        System.setProperty("coffer.test.identity.public-key", identity.publicKey().toString());
        System.setProperty("coffer.test.identity.issuer", identity.issuer());
    }
}
