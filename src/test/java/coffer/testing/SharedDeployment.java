package coffer.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentScenario;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.event.DeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.UnDeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.impl.client.deployment.event.GenerateDeployment;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.arquillian.test.spi.annotation.ClassScoped;
import org.jboss.arquillian.test.spi.annotation.SuiteScoped;
import org.jboss.arquillian.test.spi.context.ClassContext;
import org.jboss.arquillian.test.spi.event.suite.BeforeSuite;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * One Payara Micro for every Arquillian test class of a run, instead of one per class.
 *
 * <p>Payara Micro takes about 25 s to boot with the WAR, and Arquillian boots it again for each
 * class: with a dozen classes that was five minutes of every suite run. This extension generates
 * one deployment before the first class (the built WAR, AssertJ and every {@link InsideCoffer}
 * class), deploys it with the first class, ignores each class's own deploy and undeploy, and
 * undeploys it when Arquillian stops the container. Arquillian looks a deployment up in the class
 * context first and then in the suite context, where this one is kept.
 *
 * <p>The price: classes share one server's memory as they already share one database, so a test
 * must not depend on a freshly booted server (counters at zero, no earlier logins). None does.
 */
public class SharedDeployment implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Deployer.class);
    }

    /** The shared deployment, generated as if it were the deployment method of a test class. */
    public static final class Archive {

        private Archive() {}

        /** The WAR the build produced, as it ships, plus what the classes inside need. */
        @Deployment
        public static WebArchive war() {
            File built = new File(System.getProperty("coffer.war", "target/coffer.war"));
            WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, built);
            // The marker goes too: without it the server's JUnit would not see the extension.
            war.addPackages(true, "org.assertj.core").addClass(InsideCoffer.class);
            insideCofferClasses().forEach(war::addClass);
            return war;
        }

        private static Stream<Class<?>> insideCofferClasses() {
            Path root = testClasses();
            try (Stream<Path> files = Files.walk(root)) {
                return files
                        .map(root::relativize)
                        .map(Path::toString)
                        .filter(name -> name.endsWith("IT.class"))
                        .map(name -> name.replace(".class", "").replace('/', '.'))
                        .map(Archive::load)
                        .filter(type -> type.isAnnotationPresent(InsideCoffer.class))
                        .toList()
                        .stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Path testClasses() {
            try {
                return Path.of(
                        InsideCoffer.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Class<?> load(String name) {
            try {
                return Class.forName(name, false, Archive.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Deploys once, keeps it deployed across classes, undeploys when the container stops. */
    public static class Deployer {

        @Inject private Instance<ClassContext> classContext;

        @Inject @ClassScoped private Instance<DeploymentScenario> classScenario;

        @Inject @SuiteScoped private InstanceProducer<DeploymentScenario> sharedScenario;

        @Inject private Event<GenerateDeployment> generate;

        @Inject private Event<UnDeployManagedDeployments> undeploy;

        /** The servlet Arquillian's in-container tests are run through. */
        private static final String TEST_RUNNER = "ArquillianServletRunnerEE9";

        @Inject private Instance<ProtocolMetaData> deployedAt;

        private boolean deployed;

        private boolean stopping;

        /** After Arquillian's own suite setup: the containers are registered by then. */
        public void generate(@Observes(precedence = -100) BeforeSuite event) {
            classContext.get().activate(Archive.class);
            try {
                generate.fire(new GenerateDeployment(new TestClass(Archive.class)));
                sharedScenario.set(classScenario.get());
            } finally {
                classContext.get().deactivate();
            }
        }

        public void generateOnlyTheShared(@Observes EventContext<GenerateDeployment> event) {
            if (sharedScenario.get() == null) {
                event.proceed();
            }
        }

        public void deployOnce(@Observes EventContext<DeployManagedDeployments> event) {
            if (!deployed) {
                deployed = true;
                event.proceed();
            }
        }

        /**
         * Payara's Arquillian container reads the servlets from Payara Micro's log file the moment
         * the instance's address is in it, and Payara writes that file asynchronously: on a busy
         * machine the servlets' part is not written yet, and every in-container test then fails
         * with "ArquillianServletRunnerEE9 not found". The WAR is deployed at the root, so the
         * runner is there whether or not the log said so in time.
         */
        public void findTheTestRunner(@Observes AfterDeploy event) {
            for (HTTPContext context : deployedAt.get().getContexts(HTTPContext.class)) {
                if (context.getServletByName(TEST_RUNNER) == null) {
                    context.add(new Servlet(TEST_RUNNER, "/"));
                }
            }
        }

        public void undeployOnlyAtStop(@Observes EventContext<UnDeployManagedDeployments> event) {
            if (stopping) {
                event.proceed();
            }
        }

        public void undeploy(@Observes BeforeStop event) {
            stopping = true;
            undeploy.fire(new UnDeployManagedDeployments());
        }
    }
}
