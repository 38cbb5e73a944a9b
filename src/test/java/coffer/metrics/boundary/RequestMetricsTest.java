package coffer.metrics.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {

    @Path("users")
    static class Users {
        @GET
        @Path("{userId}/balance")
        public void balance() {}

        @GET
        public void list() {}

        @GET
        @Path("/{id : [0-9]+}/")
        public void byId() {}
    }

    static class Unrooted {
        @GET
        public void root() {}
    }

    @Test
    void theRouteIsThePathTemplateWithoutRegexes() throws NoSuchMethodException {
        assertThat(RequestMetrics.template(Users.class, Users.class.getMethod("balance")))
                .isEqualTo("/users/{userId}/balance");
        assertThat(RequestMetrics.template(Users.class, Users.class.getMethod("list")))
                .isEqualTo("/users");
        assertThat(RequestMetrics.template(Users.class, Users.class.getMethod("byId")))
                .isEqualTo("/users/{id}");
        assertThat(RequestMetrics.template(Unrooted.class, Unrooted.class.getMethod("root")))
                .isEqualTo("/");
    }

    @Test
    void onlyHttpsOwnMethodsAreLabelsByName() {
        assertThat(RequestMetrics.method("GET")).isEqualTo("GET");
        assertThat(RequestMetrics.method("PATCH")).isEqualTo("PATCH");
        assertThat(RequestMetrics.method("BREW")).isEqualTo("OTHER");
        assertThat(RequestMetrics.method("get")).isEqualTo("OTHER");
    }
}
