package dev.troupe;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

import dev.troupe.backup.BackupCommand;

/**
 * Troupe: a self-hosted studio for virtual characters. One process, one PostgreSQL.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "shared")
public class Troupe {

	public static void main(String[] args) {
		if (BackupCommand.handles(args)) {
			return;
		}
		SpringApplication.run(Troupe.class, args);
	}
}
