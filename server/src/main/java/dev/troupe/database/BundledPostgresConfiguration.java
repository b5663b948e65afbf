package dev.troupe.database;

import java.io.IOException;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Runs the bundled PostgreSQL unless {@code spring.datasource.url} (TROUPE_DATABASE_URL) names an external one. Our
 * DataSource bean makes Spring Boot's DataSourceAutoConfiguration back off; Flyway and Spring JDBC use it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BundledPostgresConfiguration.NoDatabaseUrl.class)
class BundledPostgresConfiguration {

	@Bean(destroyMethod = "close")
	BundledPostgres bundledPostgres(@Value("${troupe.data-dir:./data}") Path dataDirectory) throws IOException {
		return BundledPostgres.start(dataDirectory);
	}

	/** Restarts the server if it dies; closed (stopped) before the server itself because it depends on it. */
	@Bean(destroyMethod = "close")
	BundledPostgresWatchdog bundledPostgresWatchdog(BundledPostgres postgres,
			@Value("${troupe.database.watchdog-interval:1s}") String interval) {
		return new BundledPostgresWatchdog(postgres, org.springframework.boot.convert.DurationStyle.detectAndParse(interval));
	}

	/** Named like Spring Boot's pool-based check, which it replaces for the bundled server (same "db" component). */
	@Bean
	BundledPostgresHealth dbHealthIndicator(BundledPostgres postgres) {
		return new BundledPostgresHealth(postgres);
	}

	/**
	 * Taking BundledPostgres as a parameter makes this bean depend on it, so Spring closes the pool before it stops
	 * the server.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(BundledPostgres postgres,
			@org.springframework.beans.factory.annotation.Value("${spring.datasource.hikari.maximum-pool-size:60}") int poolSize) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("troupe-bundled");
		config.setJdbcUrl(postgres.getJdbcUrl());
		config.setUsername(postgres.getUsername());
		config.setPassword(postgres.getPassword());
		// Each background task may hold a connection while an after-commit listener opens a second one, so the
		// pool must exceed twice the scheduler's threads (see application.yaml); idle connections are closed.
		config.setMaximumPoolSize(poolSize);
		config.setMinimumIdle(2);
		return new HikariDataSource(config);
	}

	/** Matches when spring.datasource.url is absent or blank (the yaml maps it to an empty TROUPE_DATABASE_URL). */
	static class NoDatabaseUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
