package coffer.access.control;

import java.security.Principal;
import java.util.Set;

/** Who a verified token speaks for, and the roles its groups grant. */
public record Caller(String getName, Set<String> roles) implements Principal {}
