package dev.troupe.database;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryInUseFailureAnalyzerTests {

	@Test
	void reportsTheHolderAndTheWayOut() {
		DataDirectoryInUseException inUse = new DataDirectoryInUseException(Path.of("/srv/troupe"), " (pid 42)");

		FailureAnalysis analysis = new DataDirectoryInUseFailureAnalyzer()
			.analyze(new BeanCreationException("bundledPostgres", "failed", inUse));

		assertThat(analysis.getDescription()).isEqualTo(
				"Another Troupe (pid 42) is already running with data directory /srv/troupe (lock held on troupe.lock).");
		assertThat(analysis.getAction()).isEqualTo("Stop it first or set TROUPE_DATA_DIR to a different directory.");
	}

}
