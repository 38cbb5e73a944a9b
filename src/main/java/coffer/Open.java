package coffer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route anyone may call without a token of Coffer's identity provider: the merch shop's (which
 * checks its own), the console's page, the API documentation, the metrics. Not {@code @Open}, for
 * the reason {@link Needs} gives.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Open {}
