package dev.troupe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark, not a test (its name keeps it out of the suite): the list and calendar queries of the dashboard with
 * 1,000,000 publications and 100,000 posts stored (20 characters, 1,000 channels, two years of history), under
 * an open-loop load of 200 requests/s per query. Latency is measured from when each request was due to be sent,
 * so a slow answer that delays the next ones counts against it (no coordinated omission). Run:
 * {@code ./mvnw -pl server test -Dtest=ApiLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.rate=200 -Dbench.seconds=20 -Dbench.posts=100000}; {@code -Dbench.only=calendar} runs the scenarios
 * whose name starts so).
 */
class ApiLoadBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Scenario(String name, IntFunction<String> path) {
	}

	@Test
	void listAndCalendarQueriesUnderLoad() throws Exception {
		int posts = Integer.getInteger("bench.posts", 100_000);
		int rate = Integer.getInteger("bench.rate", 200);
		int seconds = Integer.getInteger("bench.seconds", 20);
		var args = new String[] { "--troupe.data-dir=" + Files.createTempDirectory("troupe-apibench-"), "--server.port=0",
				"--logging.level.dev.troupe=warn", "--logging.level.com.github.kagkarlsson=warn",
				"--troupe.admin.email=bench@troupe.test", "--troupe.admin.password=a long bench password" };
		try (var app = new SpringApplicationBuilder(Troupe.class).run(args)) {
			var port = ((WebServerApplicationContext) app).getWebServer().getPort();
			var jdbc = app.getBean(JdbcClient.class);
			var characters = new ArrayList<UUID>();
			var characterManagement = app.getBean(dev.troupe.character.CharacterManagement.class);
			for (int c = 0; c < 20; c++) {
				characters.add(characterManagement.create(JsonMapper.builder().build()
					.readTree("{\"name\":\"Bench " + c + "\"}")).id());
			}
			seed(jdbc, characters, posts);
			var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			var json = JsonMapper.builder().build();
			var login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"email\":\"bench@troupe.test\",\"password\":\"a long bench password\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			var token = json.readTree(login.body()).get("token").asString();
			var channels = jdbc.sql("select id from publishing_channels order by name").query(UUID.class).list();
			var start = Instant.parse("2026-01-01T00:00:00Z");
			var scenarios = List.of(
					new Scenario("calendar: one character, one week", i -> "/api/v1/calendar?characterId="
							+ characters.get(i % characters.size()) + "&from=" + start.plus(Duration.ofDays(7L * (i % 90)))
							+ "&to=" + start.plus(Duration.ofDays(7L * (i % 90) + 7))),
					new Scenario("calendar: one channel, one month", i -> "/api/v1/calendar?channelId="
							+ channels.get(i % channels.size()) + "&from=" + start.plus(Duration.ofDays(30L * (i % 20)))
							+ "&to=" + start.plus(Duration.ofDays(30L * (i % 20) + 30))),
					new Scenario("posts: one character, one month", i -> "/api/v1/posts?characterId="
							+ characters.get(i % characters.size()) + "&from=" + start.plus(Duration.ofDays(30L * (i % 20)))
							+ "&to=" + start.plus(Duration.ofDays(30L * (i % 20) + 30))),
					new Scenario("posts: one state (newest 500)", i -> "/api/v1/posts?state=" + (i % 2 == 0 ? "PUBLISHED" : "SCHEDULED")));
			var only = System.getProperty("bench.only", ""); // e.g. "calendar: one character" to run one scenario
			for (var scenario : scenarios) {
				if (!scenario.name().startsWith(only)) {
					continue;
				}
				run(http, port, token, scenario, 50, 5); // warm-up
				var result = run(http, port, token, scenario, rate, seconds);
				System.out.printf("BENCHMARK api %-36s %d requests at %d/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
						+ "errors %d, mean entries %.0f%n", scenario.name(), result.latencies.length, rate,
						result.percentile(0.5), result.percentile(0.99), result.latencies[result.latencies.length - 1],
						result.errors, result.meanEntries);
			}
		}
	}

	record Result(double[] latencies, int errors, double meanEntries) {

		double percentile(double p) {
			return latencies[Math.min(latencies.length - 1, (int) (latencies.length * p))];
		}
	}

	private static Result run(HttpClient http, int port, String token, Scenario scenario, int rate, int seconds)
			throws Exception {
		var pool = Executors.newFixedThreadPool(64);
		var latencies = new ConcurrentLinkedQueue<Double>();
		var errors = new AtomicInteger();
		var entries = new AtomicInteger();
		long intervalNanos = 1_000_000_000L / rate;
		long begin = System.nanoTime() + 50_000_000L;
		int total = rate * seconds;
		for (int i = 0; i < total; i++) {
			long due = begin + i * intervalNanos;
			int n = i;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			pool.execute(() -> {
				try {
					var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + scenario.path().apply(n)))
						.header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
					latencies.add((System.nanoTime() - due) / 1e6);
					if (response.statusCode() != 200) {
						errors.incrementAndGet();
					}
					else {
						entries.addAndGet(JSON.readTree(response.body()).size());
					}
				}
				catch (Exception e) {
					errors.incrementAndGet();
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(5, TimeUnit.MINUTES);
		var sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return new Result(sorted, errors.get(), entries.get() / (double) Math.max(1, sorted.length));
	}

	/**
	 * 20 characters with 50 channels each; {@code posts} posts every ten minutes from 2026-01-01, each published on
	 * ten of its character's channels (1 % failed). Written with set-based SQL: seeding a million rows through the
	 * API would take longer than the benchmark.
	 */
	private static void seed(JdbcClient jdbc, List<UUID> characters, int posts) {
		jdbc.sql("create table bench_characters (id uuid, n int)").update();
		for (int c = 0; c < characters.size(); c++) {
			var id = characters.get(c);
			jdbc.sql("insert into bench_characters values (?, ?)").params(id, c).update();
			for (int k = 0; k < 50; k++) {
				jdbc.sql("""
						insert into publishing_channels (id, character_id, platform, name, settings, created_at)
						values (?, ?, 'feed', ?, cast('{}' as jsonb), now())""")
					.params(UUID.randomUUID(), id, "bench-%02d-%02d".formatted(c, k)).update();
			}
		}
		var t0 = System.nanoTime();
		jdbc.sql("create table bench_channels as select ch.id, bc.n, cast(substr(ch.name, 10, 2) as int) as k "
				+ "from publishing_channels ch join bench_characters bc on bc.id = ch.character_id").update();
		jdbc.sql("""
				insert into content_posts (id, character_id, caption, state, scheduled_at, created_by, created_at, updated_at, version)
				select md5('post' || i)::uuid, bc.id, 'Bench caption number ' || i || ' with a few more words to be realistic',
				       'PUBLISHED', timestamptz '2026-01-01' + i * interval '10 minutes', 'bench', now(), now(), 1
				from generate_series(0, ? - 1) i join bench_characters bc on bc.n = i % 20""").param(posts).update();
		jdbc.sql("""
				insert into publishing_publications (id, post_id, channel_id, state, due_at, idempotency_key, remote_id, created_at, updated_at)
				select md5('pub' || i || '-' || j)::uuid, md5('post' || i)::uuid, ch.id,
				       case when (i + j) % 100 = 0 then 'FAILED' else 'PUBLISHED' end,
				       timestamptz '2026-01-01' + i * interval '10 minutes', 'bench-' || i || '-' || j, 'r' || i || '-' || j, now(), now()
				from generate_series(0, ? - 1) i cross join generate_series(0, 9) j
				join bench_channels ch on ch.n = i % 20 and ch.k = j * 5 + (i / 20) % 5""").param(posts).update();
		jdbc.sql("vacuum analyze").update();
		System.out.printf("BENCHMARK api seeded %d posts and %d publications in %.0f s%n", posts,
				jdbc.sql("select count(*) from publishing_publications").query(Long.class).single(), (System.nanoTime() - t0) / 1e9);
	}
}
