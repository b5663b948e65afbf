package dev.troupe.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The "db" health of the bundled PostgreSQL. It answers at once: DOWN while the server process is gone (the
 * {@link BundledPostgresWatchdog} is restarting it), else whether a direct connection works within two seconds.
 * Spring Boot's own check borrows from the pool, which waits its whole connection timeout (30 s) when the server is
 * down, so probes would time out instead of reading DOWN.
 */
final class BundledPostgresHealth implements HealthIndicator {

	private final BundledPostgres postgres;

	BundledPostgresHealth(BundledPostgres postgres) {
		this.postgres = postgres;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.unknown().withDetail("database", "PostgreSQL (bundled)");
		if (!this.postgres.isServerRunning()) {
			return health.down().withDetail("error", "The bundled PostgreSQL is not running; Troupe is restarting it").build();
		}
		try {
			DataSource direct = this.postgres.getDataSource();
			direct.setLoginTimeout(2);
			try (Connection connection = direct.getConnection()) {
				return (connection.isValid(2) ? health.up() : health.down()).withDetail("validationQuery", "isValid()")
					.build();
			}
		}
		catch (SQLException ex) {
			return health.down().withDetail("error", ex.getMessage()).build();
		}
	}
}
