package coffer;

import java.util.HashSet;
import java.util.Set;

/**
 * The roles a caller's token grants through its {@code groups} claim, as the routes name them in
 * {@link Needs}. Reads need {@link #READ}, changes {@link #WRITE}; imports, the expire-accruals job
 * and task actions need {@link #OPERATOR}. An operator may also read (the console shows what they
 * act on), never write: moving money is not an operator's job. Plumbing, so every component names
 * the same roles.
 */
public final class Roles {

    public static final String READ = "coffer.read";
    public static final String WRITE = "coffer.write";
    public static final String OPERATOR = "coffer.operator";

    /** Every role: what the loopback sandbox grants. */
    public static final Set<String> ALL = Set.of(READ, WRITE, OPERATOR);

    private Roles() {}

    /** The roles a token's groups grant: the groups themselves, and read with operator. */
    public static Set<String> granted(Set<String> groups) {
        Set<String> roles = new HashSet<>(groups);
        if (roles.contains(OPERATOR)) {
            roles.add(READ);
        }
        roles.retainAll(ALL);
        return Set.copyOf(roles);
    }
}
