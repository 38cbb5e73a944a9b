package coffer.testing;

import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of tests that use Coffer as its clients do: the built WAR deployed on Payara Micro by
 * Arquillian (one deployment for all classes: {@link SharedDeployment}), reached over HTTP through
 * {@link #api}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class RunningCoffer {

    @ArquillianResource protected URL base;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(base);
    }
}
