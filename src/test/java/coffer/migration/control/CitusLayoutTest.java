package coffer.migration.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** When Coffer lays its tables out over Citus: the switch first, the extension when it is unset. */
class CitusLayoutTest {

    private static final BooleanSupplier EXTENSION_PRESENT = () -> true;
    private static final BooleanSupplier NO_EXTENSION = () -> false;

    @Test
    void switchedOffKeepsTheTablesLocalOnADatabaseWithTheExtension() {
        assertThat(CitusLayout.isOn(Optional.of(false), EXTENSION_PRESENT)).isFalse();
    }

    @Test
    void switchedOnLaysThemOutWhereTheExtensionIsNotCreatedYet() {
        assertThat(CitusLayout.isOn(Optional.of(true), NO_EXTENSION)).isTrue();
    }

    @Test
    void unsetFollowsTheExtension() {
        assertThat(CitusLayout.isOn(Optional.empty(), EXTENSION_PRESENT)).isTrue();
        assertThat(CitusLayout.isOn(Optional.empty(), NO_EXTENSION)).isFalse();
    }

    @Test
    void switchedOffTheLayoutSendsNoStatementAtAll() throws Exception {
        Connection untouchable =
                (Connection)
                        Proxy.newProxyInstance(
                                Connection.class.getClassLoader(),
                                new Class<?>[] {Connection.class},
                                (proxy, method, arguments) -> {
                                    throw new AssertionError(
                                            "the switched-off layout called " + method.getName());
                                });

        assertThat(CitusLayout.apply(untouchable, Optional.of(false))).isFalse();
    }
}
