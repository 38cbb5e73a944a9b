package coffer.metrics.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Connector;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.Login;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * How Coffer uses the JDBC pool. The balance, merch and task statements go through JPA, and
 * EclipseLink takes a connection from the container's pool for them: a transaction that writes
 * holds it from its first write to its end, a read for its statement. This customizer
 * (persistence.xml, {@code eclipselink.session.customizer}) wraps the connector EclipseLink takes
 * connections through, and the connections it hands out: so it knows the connections held, the
 * callers waiting for one (the pool is exhausted), and how long each wait took.
 *
 * <p>The counts are static because EclipseLink, not CDI, creates the customizer, once per
 * deployment (a redeployment loads the class afresh); {@link Meters} publishes them.
 */
public class DatabaseConnections implements SessionCustomizer {

    private static final AtomicInteger HELD = new AtomicInteger();
    private static final AtomicInteger WAITING = new AtomicInteger();
    private static volatile LongConsumer waits = nanos -> {};

    @Override
    public void customize(Session session) {
        count(session.getDatasourceLogin());
        // The pools exist by now, each with a copy of the login made before this ran.
        if (session instanceof ServerSession server) {
            server.getConnectionPools().values().forEach(pool -> count(pool.getLogin()));
            count(server.getReadConnectionPool().getLogin());
        }
    }

    private static void count(Login login) {
        if (login instanceof DatasourceLogin datasource
                && !(datasource.getConnector() instanceof Counted)) {
            datasource.setConnector(new Counted(datasource.getConnector()));
        }
    }

    /** Connections taken from the pool and not given back. */
    static int held() {
        return HELD.get();
    }

    /** Callers waiting for the pool to hand them a connection. */
    static int waiting() {
        return WAITING.get();
    }

    /** Where the time each connection took to get goes, in nanoseconds. */
    static void recordWaitsIn(LongConsumer recorder) {
        waits = recorder;
    }

    /** The pool's connector, counting the callers inside it and timing each. */
    private static final class Counted implements Connector {

        private static final long serialVersionUID = 1L;

        private Connector pool;

        Counted(Connector pool) {
            this.pool = pool;
        }

        @Override
        public Connection connect(Properties properties, Session session) {
            WAITING.incrementAndGet();
            long start = System.nanoTime();
            Connection taken;
            try {
                taken = pool.connect(properties, session);
            } finally {
                WAITING.decrementAndGet();
                waits.accept(System.nanoTime() - start);
            }
            HELD.incrementAndGet();
            return held(taken);
        }

        /**
         * The connection as it was given, but its first close counted as giving it back.
         * (EclipseLink's own connection events are not raised for a container's pool.)
         */
        private static Connection held(Connection taken) {
            AtomicBoolean given = new AtomicBoolean();
            return (Connection)
                    Proxy.newProxyInstance(
                            Connection.class.getClassLoader(),
                            new Class<?>[] {Connection.class},
                            (proxy, method, arguments) -> {
                                if (method.getName().equals("close")
                                        && given.compareAndSet(false, true)) {
                                    HELD.decrementAndGet();
                                }
                                try {
                                    return method.invoke(taken, arguments);
                                } catch (InvocationTargetException failed) {
                                    throw failed.getCause();
                                }
                            });
        }

        @Override
        public Object clone() {
            try {
                Counted copy = (Counted) super.clone();
                copy.pool = (Connector) pool.clone();
                return copy;
            } catch (CloneNotSupportedException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        @Override
        public void toString(PrintWriter writer) {
            pool.toString(writer);
        }

        @Override
        public String getConnectionDetails() {
            return pool.getConnectionDetails();
        }
    }
}
