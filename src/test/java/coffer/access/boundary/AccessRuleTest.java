package coffer.access.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.Needs;
import coffer.Open;
import coffer.Roles;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRuleTest {

    @Needs(Roles.READ)
    static class Reads {

        public void read() {}

        @Needs(Roles.WRITE)
        public void write() {}

        @Open
        public void page() {}
    }

    static class Unmarked {

        public void route() {}
    }

    private static AccessRule rule(Class<?> resource, String method) throws Exception {
        return AccessRule.of(resource.getMethod(method), resource);
    }

    @Test
    void aMethodsRolesWinOverItsClasss() throws Exception {
        AccessRule write = rule(Reads.class, "write");

        assertThat(write.allows(Set.of(Roles.WRITE))).isTrue();
        assertThat(write.allows(Roles.granted(Set.of(Roles.READ, Roles.OPERATOR)))).isFalse();
        assertThat(rule(Reads.class, "page").open()).isTrue();
    }

    @Test
    void anOperatorMayReadButAWriterMayNot() throws Exception {
        AccessRule read = rule(Reads.class, "read");

        assertThat(read.allows(Roles.granted(Set.of(Roles.OPERATOR)))).isTrue();
        assertThat(read.allows(Roles.granted(Set.of(Roles.WRITE)))).isFalse();
        assertThat(read.allows(Roles.granted(Set.of("COFFER.READ", "coffer.read ")))).isFalse();
    }

    @Test
    void aRouteOfCoffersThatNamesNoRoleIsClosedToEveryone() throws Exception {
        AccessRule unmarked = rule(Unmarked.class, "route");

        assertThat(unmarked.open()).isFalse();
        assertThat(unmarked.allows(Roles.ALL)).isFalse();
    }

    @Test
    void jerseysOwnRoutesStayOpen() throws Exception {
        assertThat(AccessRule.of(Object.class.getMethod("toString"), Object.class).open()).isTrue();
        assertThat(AccessRule.of(null, null).open()).isTrue();
    }
}
