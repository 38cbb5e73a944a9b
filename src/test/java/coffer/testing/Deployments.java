package coffer.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one deployment every Arquillian test uses: the WAR the build produced, as it ships. */
public final class Deployments {

    private Deployments() {}

    public static WebArchive coffer() {
        File war = new File(System.getProperty("coffer.war", "target/coffer.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /** The WAR with what tests running inside the server need: AssertJ and the given classes. */
    public static WebArchive cofferWith(Class<?>... testClasses) {
        return coffer().addPackages(true, "org.assertj.core").addClasses(testClasses);
    }
}
