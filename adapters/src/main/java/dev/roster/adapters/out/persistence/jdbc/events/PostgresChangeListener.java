package dev.roster.adapters.out.persistence.jdbc.events;

import dev.roster.application.model.events.ChangeFeedTail;
import dev.roster.application.model.events.ChangeType;
import dev.roster.application.port.in.events.FollowChangesUseCase;
import dev.roster.domain.user.UserId;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Keeps this instance coherent with the others on the same PostgreSQL (SPEC §7, ADR 0025): one thread holds a
 * connection of its own (opened with the pool's URL and credentials, outside the pool: a connection that listens
 * must never be handed to anyone else) that {@code LISTEN}s on the channel the {@link JdbcEventSequencer} notifies when it places
 * events, and on each notification, and once a second in any case, lets the {@link FollowChangesUseCase} apply what
 * was placed, reading the feed's tail on that same connection ({@link ConnectionTail}): following never waits for a
 * pooled connection behind the requests (under load that wait reached the pool's 3 s timeout). Once a second it also checks the connection with a query (under a network timeout, so a connection that
 * died without a word is noticed too). When the connection is lost the follower is told first, so the caches stop
 * being trusted, and then it reconnects (100 ms, doubling to 2 s); once listening again the follower catches up from
 * the feed and the caches are trusted again.
 *
 * <p>Runs only on PostgreSQL (H2 is embedded: one instance) and unless {@code roster.events.listen=false}. The
 * connection's {@code application_name} is {@code roster.events.listener-name} (by default {@code roster-listener-}
 * and 8 random hex digits), so an operator can find it in {@code pg_stat_activity}. Metrics: {@code roster_change_listener_connected} (1/0) and
 * {@code roster_change_listener_reconnects_total}.
 */
@Context
final class PostgresChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeListener.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final int WAIT_MILLIS = 200;
    private static final int NETWORK_TIMEOUT_MILLIS = 3_000;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final FollowChangesUseCase follower;
    private final boolean enabled;
    private final String applicationName;
    private final Counter reconnects;
    private volatile boolean connected;
    private final BackgroundThread worker = new BackgroundThread("roster-change-listener");

    PostgresChangeListener(@Named("default") DataSource dataSource, FollowChangesUseCase follower,
                           @Value("${roster.events.listen:true}") boolean enabled,
                           @Value("${roster.events.listener-name:}") String applicationName, @Nullable MeterRegistry registry) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.applicationName = applicationName.isBlank()
                ? "roster-listener-" + UUID.randomUUID().toString().substring(0, 8) : applicationName;
        this.follower = follower;
        this.enabled = enabled;
        this.reconnects = registry == null ? null : Counter.builder("roster.change.listener.reconnects")
                .description("times this instance reopened its LISTEN connection after losing it").register(registry);
        if (registry != null) {
            Gauge.builder("roster.change.listener.connected", this, listener -> listener.connected ? 1 : 0)
                    .description("1 while this instance listens for other instances' changes (PostgreSQL only)").register(registry);
        }
    }

    @PostConstruct
    void start() {
        if (!enabled || !isPostgres()) {
            return;
        }
        follower.lostTouch(); // until the first LISTEN: nothing another instance changes may be served stale
        worker.start(this::run);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.stop();
    }

    /**
     * From the pool's JDBC URL, not from a connection: an instance whose database is down at start-up still starts
     * (and listens once the database is back).
     */
    private boolean isPostgres() {
        return dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        boolean everConnected = false;
        while (worker.running()) {
            try (Connection connection = openOwnConnection()) {
                listen(connection);
                connected = true;
                if (everConnected && reconnects != null) {
                    reconnects.increment();
                }
                if (everConnected) {
                    LOG.info("Listening for other instances' changes again");
                }
                everConnected = true;
                retry = FIRST_RETRY;
                ConnectionTail tail = new ConnectionTail(connection);
                follower.regainedTouch(tail);
                follow(connection, tail);
            } catch (SQLException | RuntimeException e) {
                if (!worker.running()) {
                    return;
                }
                boolean wasConnected = connected;
                connected = false;
                follower.lostTouch();
                if (wasConnected) {
                    LOG.warn("Lost the connection that listens for other instances' changes ({}): the read cache is "
                            + "bypassed until it is back", e.getClass().getSimpleName());
                }
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private Connection openOwnConnection() throws SQLException {
        if (!(dataSource instanceof HikariDataSource pool)) {
            throw new IllegalStateException("the default datasource is not a Hikari pool: " + dataSource.getClass().getName());
        }
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    private void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        connection.setClientInfo("ApplicationName", applicationName);
        connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + JdbcEventSequencer.CHANNEL);
        }
    }

    private void follow(Connection connection, ConnectionTail tail) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
        while (worker.running()) {
            PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
            if (received != null && received.length > 0) {
                follower.catchUp(tail);
            }
            if (System.nanoTime() - nextCheck >= 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1"); // a dead connection throws here, within the network timeout
                }
                follower.catchUp(tail); // whatever a lost notification would have told
                nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
            }
        }
    }

    /** The feed's tail read on the listening connection (auto-commit: each statement sees what is committed). */
    private static final class ConnectionTail implements ChangeFeedTail {
        private final Connection connection;

        ConnectionTail(Connection connection) {
            this.connection = connection;
        }

        @Override
        public long prunedThrough() {
            return head("pruned_through");
        }

        @Override
        public long lastPosition() {
            return head("last_position");
        }

        private long head(String column) {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT " + column + " FROM change_feed_head WHERE id = 1")) {
                return row.next() ? row.getLong(1) : 0;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the change feed's head", e);
            }
        }

        @Override
        public List<Entry> after(long position, int limit) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT position, event_type, user_id FROM change_events WHERE position > ? ORDER BY position LIMIT ?")) {
                statement.setLong(1, position);
                statement.setInt(2, limit);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long at = rows.getLong(1);
                        Optional<ChangeType> type = ChangeType.fromWireName(rows.getString(2));
                        UserId user = new UserId(rows.getObject(3, UUID.class));
                        // a type this version does not know (a newer instance wrote it) still names a changed user
                        entries.add(new Entry(at, type.orElse(ChangeType.USER_UPDATED), user));
                    }
                }
                return entries;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the change feed", e);
            }
        }
    }
}
