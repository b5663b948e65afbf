package dev.troupe.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.troupe.Troupe;
import dev.troupe.character.CharacterManagement;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job in flight when its node goes away is picked up by the next node and completes, without being
 * submitted to the server a second time: the stored server handle is followed instead.
 */
class GenerationRestartIntegrationTests {

	@Test
	void aJobInFlightSurvivesARestartAndIsNotSubmittedTwice() throws Exception {
		var dataDir = Files.createTempDirectory("troupe-restart-");
		var json = JsonMapper.builder().build();

		var first = start(dataDir);
		var character = first.getBean(CharacterManagement.class).create(json.readTree("{\"name\":\"Phoenix\"}"));
		var job = first.getBean(GenerationManagement.class).start(character.id(), GenerationKind.IMAGE,
				json.readTree("{\"prompt\":\"rising\",\"width\":128,\"height\":128}"));
		var generations = first.getBean(GenerationManagement.class);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> generations.get(job.id()).status() == JobStatus.RUNNING && generations.get(job.id()).remote() != null);
		var submittedBefore = FakeBackend.SUBMITTED.get("slow-gpu").get();
		first.close(); // the node goes away with the job running on the "GPU"

		var second = start(dataDir);
		try {
			var resumed = second.getBean(GenerationManagement.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> resumed.get(job.id()).status().finished());
			var finished = resumed.get(job.id());
			assertThat(finished.status()).as(String.valueOf(finished.error())).isEqualTo(JobStatus.SUCCEEDED);
			assertThat(finished.outputs()).hasSize(1);
			assertThat(FakeBackend.SUBMITTED.get("slow-gpu").get()).as("resumed, not submitted again").isEqualTo(submittedBefore);
			assertThat(finished.attempts()).as("claimed once, resumed once").isEqualTo(2);
		}
		finally {
			second.close();
		}
	}

	private static ConfigurableApplicationContext start(java.nio.file.Path dataDir) {
		var properties = new HashMap<String, Object>(Map.of("troupe.data-dir", dataDir.toString(), "server.port", "0",
				"troupe.scheduler.heartbeat", "250ms", "troupe.scheduler.missed-heartbeats", "4",
				"troupe.scheduler.shutdown-max-wait", "200ms"));
		properties.put("troupe.generation.backends[0].id", "slow-gpu");
		properties.put("troupe.generation.backends[0].type", "fake");
		properties.put("troupe.generation.backends[0].base-url", "http://slow-gpu:8188");
		properties.put("troupe.generation.backends[0].options.serviceMillis", "5000");
		properties.put("troupe.generation.backends[0].options.ignoreInterrupts", "true");
		return new SpringApplicationBuilder(Troupe.class, FakeBackend.Factory.class).run(arguments(properties));
	}

	/** As command-line arguments: they outrank application.yaml, unlike default properties. */
	private static String[] arguments(Map<String, Object> properties) {
		return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}
}
