package coffer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs inside the server, with the container's injection, transactions and
 * data source. Every such class is packed into the one deployment all Arquillian tests share
 * ({@link SharedDeployment}), so it needs no deployment method of its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ArquillianExtension.class)
public @interface InsideCoffer {}
