package dev.troupe.database;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class BundledPostgresConfigurationTests {

	@TempDir
	Path dataDir;

	@TempDir
	Path migrations;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class))
		.withUserConfiguration(BundledPostgresConfiguration.class);

	@Test
	void withoutDatabaseUrlFlywayAndJdbcUseTheBundledServerWhichStopsWithTheContext() throws Exception {
		Files.writeString(this.migrations.resolve("V1__note.sql"), "CREATE TABLE note (text varchar(100) NOT NULL);");
		HikariDataSource[] pool = new HikariDataSource[1];

		// An empty URL is what application.yaml yields when TROUPE_DATABASE_URL is unset.
		this.runner
			.withPropertyValues("spring.datasource.url=", "troupe.data-dir=" + this.dataDir,
					"spring.flyway.locations=filesystem:" + this.migrations)
			.run(context -> {
				assertThat(context).hasNotFailed().hasSingleBean(BundledPostgres.class).hasSingleBean(DataSource.class);
				BundledPostgres postgres = context.getBean(BundledPostgres.class);
				pool[0] = context.getBean(HikariDataSource.class);
				assertThat(pool[0].getJdbcUrl()).isEqualTo(postgres.getJdbcUrl());
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.update("INSERT INTO note VALUES ('hello')")).isEqualTo(1);
				assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
			});

		assertThat(pool[0].isClosed()).isTrue();
		assertThat(this.dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
		// The lock is released too: the next start sees the migrated data.
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThat(new JdbcTemplate(postgres.getDataSource()).queryForObject("SELECT text FROM note", String.class))
				.isEqualTo("hello");
		}
	}

	@Test
	void withDatabaseUrlTheBundledServerIsNotStarted() {
		this.runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/troupe",
					"spring.datasource.username=troupe", "spring.flyway.enabled=false",
					"troupe.data-dir=" + this.dataDir)
			.run(context -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(BundledPostgres.class);
				assertThat(context.getBean(HikariDataSource.class).getJdbcUrl())
					.isEqualTo("jdbc:postgresql://localhost:1/troupe");
			});
		assertThat(this.dataDir.resolve("postgres")).doesNotExist();
	}

}
