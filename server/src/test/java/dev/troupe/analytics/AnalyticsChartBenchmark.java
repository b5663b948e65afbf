package dev.troupe.analytics;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.troupe.Troupe;
import dev.troupe.character.CharacterManagement;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not part of the suite (surefire runs *Tests; tagged "benchmark" too): loads about 1 M publication samples (100
 * channels × 130 posts × 77 samples, as collection takes them over 30 days) and a year of account samples every
 * 6 hours, then times the channel chart (followers series + engagement per day over 90 days), the publications
 * list of a channel and one publication's series. Results in docs/benchmarks.md.
 *
 * <pre>
 * ./mvnw -pl server test -Dtest=AnalyticsChartBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.channels=100
 * </pre>
 */
@Tag("benchmark")
class AnalyticsChartBenchmark {

	private static final Logger log = LoggerFactory.getLogger(AnalyticsChartBenchmark.class);

	@Test
	void channelChartP99() throws Exception {
		int channels = Integer.getInteger("bench.channels", 100);
		int postsPerChannel = Integer.getInteger("bench.posts", 130);
		int runs = Integer.getInteger("bench.runs", 1000);
		var args = new String[] { "--troupe.data-dir=" + Files.createTempDirectory("troupe-analyticsbench-"),
				"--server.port=0", "--logging.level.dev.troupe=warn", "--logging.level.com.github.kagkarlsson=warn" };
		try (var app = new SpringApplicationBuilder(Troupe.class).run(args)) {
			var jdbc = app.getBean(JdbcClient.class);
			var characterId = app.getBean(CharacterManagement.class)
				.create(JsonMapper.builder().build().readTree("{\"name\":\"Bench\",\"timeZone\":\"Europe/Berlin\"}")).id();
			var ids = new ArrayList<UUID>();
			for (int i = 0; i < channels; i++) {
				var id = UUID.randomUUID();
				ids.add(id);
				jdbc.sql("""
						insert into publishing_channels (id, character_id, platform, name, settings, queue_slots, status, created_at)
						values (?, ?, 'mastodon', ?, '{}', '[]', 'OK', now())""").params(id, characterId, "bench " + i).update();
			}
			long started = System.nanoTime();
			jdbc.sql("""
					insert into analytics_publications (publication_id, post_id, channel_id, character_id, platform, remote_id,
					    published_at, sampled_at, metrics, reactions, shares, comments, engagement)
					select gen_random_uuid(), gen_random_uuid(), c, ?, 'mastodon', 'r' || g,
					       now() - (g * interval '67 hours'), now(), '{"favourites_count":5}', 5, 1, 1, 7
					from unnest(?) as c, generate_series(1, ?) as g""")
				.params(characterId, ids.toArray(UUID[]::new), postsPerChannel).update();
			// 48 hourly + 29 daily samples per post, as the collector takes them
			var samples = jdbc.sql("""
					insert into analytics_publication_samples (publication_id, sampled_at, metrics)
					select p.publication_id, p.published_at + case when g < 48 then g * interval '1 hour'
					         else interval '48 hours' + (g - 47) * interval '1 day' end,
					       jsonb_build_object('favourites_count', g, 'reblogs_count', g / 4, 'replies_count', g / 8)
					from analytics_publications p, generate_series(0, 76) as g""").update();
			var accounts = jdbc.sql("""
					insert into analytics_account_samples (channel_id, sampled_at, metrics)
					select c, now() - g * interval '6 hours', jsonb_build_object('followers_count', 10000 - g,
					       'following_count', 300, 'statuses_count', 2000)
					from unnest(?) as c, generate_series(0, 1459) as g""").param(ids.toArray(UUID[]::new)).update();
			jdbc.sql("analyze").update();
			log.warn("Loaded {} publication samples and {} account samples in {} s", samples, accounts,
					(System.nanoTime() - started) / 1_000_000_000);

			var reports = app.getBean(AnalyticsReports.class);
			var random = new Random(1);
			var to = Instant.now();
			var from = to.minus(Duration.ofDays(90));
			measure("channel chart (90 days)", runs, () -> reports.channel(ids.get(random.nextInt(ids.size())), from, to));
			measure("publications list of a channel (100)", runs, () -> reports.publications(
					new Samples.Filter(null, ids.get(random.nextInt(ids.size())), null, to.minus(Duration.ofDays(365)), to),
					true, 100));
			var someIds = jdbc.sql("select publication_id from analytics_publications limit 1000").query(UUID.class).list();
			measure("one publication's series", runs, () -> reports.publication(someIds.get(random.nextInt(someIds.size()))));
		}
	}

	private static void measure(String what, int runs, Runnable query) {
		for (int i = 0; i < 50; i++) {
			query.run(); // warm up
		}
		var times = new long[runs];
		for (int i = 0; i < runs; i++) {
			long t = System.nanoTime();
			query.run();
			times[i] = System.nanoTime() - t;
		}
		Arrays.sort(times);
		log.warn("{}: p50 {} ms, p99 {} ms, max {} ms over {} runs", what, ms(times[runs / 2]),
				ms(times[(int) (runs * 0.99) - 1]), ms(times[runs - 1]), runs);
	}

	private static String ms(long nanos) {
		return String.format("%.2f", nanos / 1_000_000d);
	}

}
