package dev.troupe.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.troupe.Troupe;
import dev.troupe.character.CharacterManagement;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark, not a test (its name keeps it out of the suite). k fake GPU backends with a fixed service time
 * each run one job at a time; 200 jobs are queued at once. Reports throughput as a fraction of the ideal
 * k / service time, and the latency Troupe adds to a single job on an idle system. Run:
 * {@code ./mvnw -pl server test -Dtest=GenerationThroughputBenchmark -Dbench.k=4 -Dbench.serviceMillis=500}
 */
class GenerationThroughputBenchmark {

	@Test
	void throughputAndAddedLatency() throws Exception {
		int k = Integer.getInteger("bench.k", 4);
		long service = Long.getLong("bench.serviceMillis", 500);
		int jobs = Integer.getInteger("bench.jobs", 200);
		var properties = new HashMap<String, Object>(Map.of("troupe.data-dir",
				Files.createTempDirectory("troupe-bench-").toString(), "server.port", "0",
				"logging.level.dev.troupe", "warn"));
		for (int i = 0; i < k; i++) {
			properties.put("troupe.generation.backends[" + i + "].id", "gpu-" + i);
			properties.put("troupe.generation.backends[" + i + "].type", "fake");
			properties.put("troupe.generation.backends[" + i + "].base-url", "http://gpu-" + i + ":8188");
			properties.put("troupe.generation.backends[" + i + "].max-concurrent", "2");
			properties.put("troupe.generation.backends[" + i + "].options.serviceMillis", String.valueOf(service));
		}
		try (var app = new SpringApplicationBuilder(Troupe.class, FakeBackend.Factory.class).run(arguments(properties))) {
			var json = JsonMapper.builder().build();
			var character = app.getBean(CharacterManagement.class).create(json.readTree("{\"name\":\"Bench\"}")).id();
			var generations = app.getBean(GenerationManagement.class);
			var input = json.readTree("{\"prompt\":\"bench\",\"width\":64,\"height\":64}");

			// warm-up, then the latency of single jobs on an idle system
			waitFor(generations, List.of(generations.start(character, GenerationKind.IMAGE, input).id()));
			var added = new ArrayList<Long>();
			for (int i = 0; i < 20; i++) {
				var begin = System.nanoTime();
				waitFor(generations, List.of(generations.start(character, GenerationKind.IMAGE, input).id()));
				added.add((System.nanoTime() - begin) / 1_000_000 - service);
			}

			var begin = System.nanoTime();
			var ids = new ArrayList<UUID>();
			for (int i = 0; i < jobs; i++) {
				ids.add(generations.start(character, GenerationKind.IMAGE, input).id());
			}
			waitFor(generations, ids);
			var seconds = (System.nanoTime() - begin) / 1e9;
			var ideal = jobs * service / 1000.0 / k;
			added.sort(null);
			System.out.printf("%nBENCHMARK k=%d service=%dms jobs=%d: %.2f s (ideal %.2f s), throughput %.3f of ideal; "
					+ "added latency per job: median %d ms, p90 %d ms, max %d ms%n", k, service, jobs, seconds, ideal,
					ideal / seconds, added.get(added.size() / 2), added.get(added.size() * 9 / 10), added.get(added.size() - 1));
			ids.forEach(id -> assertThat(generations.get(id).status()).isEqualTo(JobStatus.SUCCEEDED));
		}
	}

	private static void waitFor(GenerationManagement generations, List<UUID> ids) throws InterruptedException {
		var deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		for (var id : ids) {
			while (!generations.get(id).status().finished()) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("benchmark timed out");
				}
				Thread.sleep(5);
			}
		}
	}

	/** As command-line arguments: they outrank application.yaml, unlike default properties. */
	private static String[] arguments(Map<String, Object> properties) {
		return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}
}
