package dev.troupe.publishing;

import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.troupe.Troupe;
import dev.troupe.character.CharacterManagement;
import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.TestDescriptors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark, not a test (its name keeps it out of the suite): 10,000 publications due within a short window
 * over 1,000 channels, against a local fake platform answering in 1 ms; 100 of the channels are rate-limited
 * the whole time. Reports publications per second and the lateness (first attempt minus due time) of the
 * unthrottled channels. Run:
 * {@code ./mvnw -pl server test -Dtest=PublishingThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class PublishingThroughputBenchmark {

	/** 1 ms per publish; channels with setting limited=true are always rate-limited for 30 s. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Bench {

		@Bean
		SocialPlatform benchPlatform() {
			return new SocialPlatform() {
				public String type() {
					return "bench";
				}

				public PlatformDescriptor descriptor() {
					return TestDescriptors.simple(type(), 1000, 4, true);
				}

				public Capabilities capabilities(ChannelContext channel) {
					return new Capabilities(1000, 4, List.of("image/"), false, 0, 0, 0, 1000, true);
				}

				public AccountInfo verify(ChannelContext channel) {
					return new AccountInfo("bench", "@bench", null, null);
				}

				public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
					if ("true".equals(channel.setting("limited", "false"))) {
						return new PublishOutcome.RateLimited(Instant.now().plusSeconds(30), "429");
					}
					try {
						Thread.sleep(1);
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
					return new PublishOutcome.Published(request.publicationId().toString(), null);
				}
			};
		}
	}

	@Test
	void publicationsPerSecondAndLateness() throws Exception {
		int channelCount = Integer.getInteger("bench.channels", 1000);
		int limitedCount = Integer.getInteger("bench.limited", 100);
		int total = Integer.getInteger("bench.publications", 10_000);
		int windowSeconds = Integer.getInteger("bench.windowSeconds", 20);
		var threads = Integer.getInteger("bench.threads", 24);
		var args = new String[] { "--troupe.data-dir=" + Files.createTempDirectory("troupe-pubbench-"), "--server.port=0",
				"--logging.level.dev.troupe=warn", "--logging.level.com.github.kagkarlsson=warn",
				"--troupe.scheduler.threads=" + threads, "--spring.datasource.hikari.maximum-pool-size=" + (threads * 2 + 12) };
		try (var app = new SpringApplicationBuilder(Troupe.class, Bench.class).run(args)) {
			var jdbc = app.getBean(JdbcClient.class);
			var tx = app.getBean(TransactionTemplate.class);
			var tasks = app.getBean(PublicationTasks.class);
			var characterId = app.getBean(CharacterManagement.class)
				.create(JsonMapper.builder().build().readTree("{\"name\":\"Bench\"}")).id();
			var channels = new ArrayList<UUID>();
			for (int i = 0; i < channelCount; i++) {
				var id = UUID.randomUUID();
				jdbc.sql("""
						insert into publishing_channels (id, character_id, platform, name, settings, created_at)
						values (?, ?, 'bench', ?, cast(? as jsonb), now())""")
					.params(id, characterId, "bench-" + i, i < limitedCount ? "{\"limited\":\"true\"}" : "{}").update();
				channels.add(id);
			}
			var start = Instant.now().plusSeconds(10);
			var due = new HashMap<UUID, Instant>();
			var ofChannel = new HashMap<UUID, UUID>();
			for (int i = 0; i < total; i += 500) {
				var batchStart = i;
				tx.executeWithoutResult(status -> {
					for (int j = batchStart; j < Math.min(total, batchStart + 500); j++) {
						var post = UUID.randomUUID();
						var channel = channels.get(j % channelCount);
						var at = start.plusMillis((long) j * windowSeconds * 1000 / total);
						jdbc.sql("""
								insert into content_posts (id, character_id, caption, state, created_by, created_at, updated_at, version)
								values (?, ?, ?, 'SCHEDULED', 'bench', now(), now(), 1)""").params(post, characterId, "post " + j).update();
						var publication = UUID.randomUUID();
						jdbc.sql("""
								insert into publishing_publications (id, post_id, channel_id, state, due_at, idempotency_key, created_at, updated_at)
								values (?, ?, ?, 'SCHEDULED', ?, ?, now(), now())""")
							.params(publication, post, channel, Timestamp.from(at), "bench-" + publication).update();
						tasks.arm(publication, at);
						due.put(publication, at);
						ofChannel.put(publication, channel);
					}
				});
			}
			var limited = new HashSet<>(channels.subList(0, limitedCount));
			var unthrottled = due.keySet().stream().filter(p -> !limited.contains(ofChannel.get(p))).count();
			var deadline = System.currentTimeMillis() + 600_000;
			while (jdbc.sql("select count(*) from publishing_publications where state = 'PUBLISHED'").query(Long.class).single() < unthrottled) {
				if (System.currentTimeMillis() > deadline) {
					throw new IllegalStateException("benchmark timed out");
				}
				Thread.sleep(200);
			}
			List<Map<String, Object>> rows = jdbc.sql("""
					select p.id, p.due_at, min(a.started_at) as first_attempt, max(a.finished_at) as finished
					from publishing_publications p join publishing_attempts a on a.publication_id = p.id
					where p.state = 'PUBLISHED' group by p.id, p.due_at""").query().listOfRows();
			var lateness = rows.stream().mapToLong(r -> ((Timestamp) r.get("first_attempt")).getTime()
					- ((Timestamp) r.get("due_at")).getTime()).sorted().toArray();
			var early = Arrays.stream(lateness).filter(l -> l < 0).count();
			var firstDue = rows.stream().mapToLong(r -> ((Timestamp) r.get("due_at")).getTime()).min().orElseThrow();
			var lastDone = rows.stream().mapToLong(r -> ((Timestamp) r.get("finished")).getTime()).max().orElseThrow();
			var limitedAttempts = jdbc.sql("""
					select count(*) from publishing_attempts a join publishing_publications p on p.id = a.publication_id
					where p.state <> 'PUBLISHED'""").query(Long.class).single();
			System.out.printf("%nBENCHMARK publishing (%d threads): %d publications due over %d s on %d channels (%d rate-limited): "
					+ "%d published in %.1f s = %.0f publications/s; lateness of unthrottled channels p50 %d ms, p99 %d ms, "
					+ "max %d ms, early %d; attempts on rate-limited channels %d%n", threads, total, windowSeconds, channelCount,
					limitedCount, rows.size(), (lastDone - firstDue) / 1000.0, rows.size() * 1000.0 / (lastDone - firstDue),
					lateness[lateness.length / 2], lateness[(int) (lateness.length * 0.99)], lateness[lateness.length - 1],
					early, limitedAttempts);
			if (!Boolean.getBoolean("bench.skipBare")) {
				var bare = bareCeiling(app.getBean(javax.sql.DataSource.class), threads, total - limitedCount * (total / channelCount),
						windowSeconds);
				System.out.printf("BENCHMARK bare db-scheduler (%d threads, same database and durability): %d executions of a "
						+ "two-commit task due over %d s done in %.1f s = %.0f/s; Troupe's full path = %.0f %% of it%n", threads,
						bare.executions, windowSeconds, bare.seconds, bare.perSecond(),
						100 * (rows.size() * 1000.0 / (lastDone - firstDue)) / bare.perSecond());
			}
		}
	}

	record Bare(int executions, double seconds) {

		double perSecond() {
			return executions / seconds;
		}
	}

	/**
	 * The ceiling Troupe's path is measured against: a plain db-scheduler on the same database, thread count and
	 * polling settings as Troupe's, running a one-time task that does what a publication cannot do without: one
	 * commit before the (1 ms) request and one after it. Its own table, so Troupe's scheduler never sees it.
	 */
	static Bare bareCeiling(javax.sql.DataSource dataSource, int threads, int total, int windowSeconds) throws Exception {
		var jdbc = JdbcClient.create(dataSource);
		jdbc.sql("create table if not exists bench_scheduled_tasks (like scheduled_tasks including all)").update();
		jdbc.sql("create table if not exists bench_rows (id int primary key, state text, done_at timestamptz)").update();
		var tx = new TransactionTemplate(new org.springframework.jdbc.support.JdbcTransactionManager(dataSource));
		var task = com.github.kagkarlsson.scheduler.task.helper.Tasks.oneTime("bench-two-commits", Integer.class)
			.execute((instance, context) -> {
				var id = instance.getData();
				tx.executeWithoutResult(s -> jdbc.sql("update bench_rows set state = 'IN_FLIGHT' where id = ?").param(id).update());
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				tx.executeWithoutResult(s -> jdbc.sql("update bench_rows set state = 'DONE', done_at = clock_timestamp() where id = ?")
					.param(id).update());
			});
		var scheduler = com.github.kagkarlsson.scheduler.Scheduler
			.create(new org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy(dataSource), List.of(task))
			.tableName("bench_scheduled_tasks")
			.pollUsingLockAndFetch(0.5, 3.0)
			.pollingInterval(java.time.Duration.ofSeconds(1))
			.threads(threads)
			.enableImmediateExecution()
			.alwaysPersistTimestampInUTC()
			.build();
		var start = Instant.now().plusSeconds(5);
		for (int i = 0; i < total; i++) {
			jdbc.sql("insert into bench_rows (id, state) values (?, 'SCHEDULED')").param(i).update();
			scheduler.schedule(task.instance("b" + i, i), start.plusMillis((long) i * windowSeconds * 1000 / total));
		}
		scheduler.start();
		try {
			var deadline = System.currentTimeMillis() + 600_000;
			while (jdbc.sql("select count(*) from bench_rows where state = 'DONE'").query(Long.class).single() < total) {
				if (System.currentTimeMillis() > deadline) {
					throw new IllegalStateException("bare benchmark timed out");
				}
				Thread.sleep(200);
			}
			var lastDone = jdbc.sql("select max(done_at) from bench_rows").query(Timestamp.class).single().getTime();
			return new Bare(total, (lastDone - start.toEpochMilli()) / 1000.0);
		}
		finally {
			scheduler.stop();
		}
	}
}
