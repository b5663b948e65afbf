package dev.troupe.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.platform.mastodon.FakeMastodon;
import dev.troupe.support.Api;
import dev.troupe.support.ChildTroupe;

/**
 * Benchmark, not a test (its name keeps it out of the suite): publishing throughput with one worker process, then
 * with two, on one PostgreSQL. Each run starts from empty data directories a web-only node that owns the bundled
 * database and takes the API calls, and the worker-only nodes pointed at its database (the same master key). The
 * platform is a local fake Mastodon that answers each status creation after a fixed latency, as a real instance
 * does: the work is I/O-bound, so on a 2-core machine it is the scheduler threads that limit a worker (threads /
 * latency publications per second), and a second worker should double the rate. All publications (posts on several
 * channels, approved by the owner) are due at one instant; throughput is counted from that instant to the last
 * publication's end, after a warm-up round that is not measured (cold JVMs would measure the JIT). Checks that
 * every publication was created on the platform exactly once and reports how the work was split (which node
 * db-scheduler marks as running each publication, {@code picked_by}, sampled every 20 ms: an execution lasts at
 * least the latency, so sampling sees nearly all). Run:
 * {@code ./mvnw -pl server test -Dtest=WorkerScalingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.publications=600 -Dbench.channels=10 -Dbench.latencyMillis=200 -Dbench.threads=8
 * -Dbench.warmup=200 -Dbench.maxWorkers=2 -Dbench.leadSeconds=15}).
 */
class WorkerScalingBenchmark {

	private static final String EMAIL = "owner@scaling.test";

	record Run(int workers, int publications, double seconds, long firstStartMillis, long attempts, double attemptMillis,
			double busyThreads, double cpuMillisPerPublication, String loadAverage, int created, Map<String, Long> split,
			long sampled) {

		double perSecond() {
			return publications / seconds;
		}
	}

	@Test
	void publishingThroughputWithOneAndTwoWorkers() throws Exception {
		int latency = Integer.getInteger("bench.latencyMillis", 200);
		int threads = Integer.getInteger("bench.threads", 8);
		int channels = Integer.getInteger("bench.channels", 10);
		int total = Integer.getInteger("bench.publications", 600);
		int maxWorkers = Integer.getInteger("bench.maxWorkers", 2);
		int warmup = Integer.getInteger("bench.warmup", 200);
		int leadSeconds = Integer.getInteger("bench.leadSeconds", 15);
		if (total % channels != 0 || warmup % channels != 0) {
			throw new IllegalArgumentException(
					"bench.publications and bench.warmup must be multiples of bench.channels (each post is on all channels)");
		}
		var runs = new ArrayList<Run>();
		for (int workers = 1; workers <= maxWorkers; workers++) {
			var run = run(workers, threads, latency, channels, total / channels, warmup / channels, leadSeconds);
			runs.add(run);
			double ceiling = workers * threads * 1000.0 / latency;
			System.out.printf("%nBENCHMARK workers %d (%d scheduler threads each, %d ms platform latency): %d publications "
					+ "(%d posts x %d channels) due at one instant, all published in %.2f s = %.1f publications/s "
					+ "(ceiling %.0f/s, %.0f %%); first attempt %d ms after due; attempts %d taking %.0f ms each (median), "
					+ "%.1f of %d threads busy on average; worker CPU %.1f ms per publication; load average %s; "
					+ "created on the platform %d (exactly once: %s); split (sampled picked_by, %d of %d seen): %s%n",
					workers, threads, latency, total, total / channels, channels, run.seconds(), run.perSecond(), ceiling,
					100 * run.perSecond() / ceiling, run.firstStartMillis(), run.attempts(), run.attemptMillis(),
					run.busyThreads(), workers * threads, run.cpuMillisPerPublication(), run.loadAverage(), run.created(),
					run.created() == total, run.sampled(), total, run.split());
			if (run.created() != total) {
				throw new IllegalStateException("created " + run.created() + " statuses for " + total + " publications");
			}
		}
		for (int i = 1; i < runs.size(); i++) {
			System.out.printf("BENCHMARK workers %d vs 1: %.1f vs %.1f publications/s = %.2fx (ideal %dx)%n",
					runs.get(i).workers(), runs.get(i).perSecond(), runs.get(0).perSecond(),
					runs.get(i).perSecond() / runs.get(0).perSecond(), runs.get(i).workers());
		}
	}

	private static Run run(int workers, int threads, int latency, int channels, int posts, int warmupPosts,
			int leadSeconds) throws Exception {
		var root = Files.createTempDirectory("troupe-scaling-" + workers + "-");
		var key = new byte[32];
		new SecureRandom().nextBytes(key);
		var common = List.of("--troupe.master-key=" + Base64.getEncoder().encodeToString(key),
				"--logging.level.dev.troupe=warn", "--logging.level.com.github.kagkarlsson=warn");
		var processes = new ArrayList<Process>();
		var picks = ConcurrentHashMap.<String>newKeySet();
		var sampling = new AtomicBoolean(true);
		var completed = false;
		try (var mastodon = new FakeMastodon().slowCreate(Duration.ofMillis(latency))) {
			var webPort = ChildTroupe.freePort();
			processes.add(ChildTroupe.start(root.resolve("web"), webPort, EMAIL,
					args(common, "--troupe.roles=web", "--troupe.scheduler.node-name=node-web")));
			var jdbcUrl = "jdbc:postgresql://localhost:"
					+ Files.readAllLines(root.resolve("web/postgres/postmaster.pid")).get(3).trim() + "/troupe";
			var dbPassword = Files.readString(root.resolve("web/postgres.password")).trim();
			var worker = new ArrayList<>(common);
			worker.addAll(List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
					"--spring.datasource.password=" + dbPassword, "--troupe.roles=worker",
					"--troupe.scheduler.threads=" + threads,
					"--spring.datasource.hikari.maximum-pool-size=" + (threads * 2 + 12)));
			var starting = new ArrayList<CompletableFuture<Process>>();
			for (int w = 1; w <= workers; w++) {
				var name = "node-worker-" + w;
				var port = ChildTroupe.freePort();
				starting.add(CompletableFuture.supplyAsync(() -> ChildTroupe.startUnchecked(root.resolve(name), port, EMAIL,
						args(worker, "--troupe.scheduler.node-name=" + name))));
			}
			for (var s : starting) {
				processes.add(s.join());
			}

			var api = ChildTroupe.signIn(webPort, EMAIL);
			expect(api.put("/api/v1/settings/studio", Map.of("ownerSelfApproval", true)), 200);
			var characterId = expect(api.post("/api/v1/characters", Map.of("name", "Scaling Bench")), 201).json().get("id")
				.asString();
			var channelIds = new ArrayList<String>();
			for (int c = 0; c < channels; c++) {
				channelIds.add(expect(api.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "mastodon",
						"name", "mastodon-" + c, "baseUrl", mastodon.baseUrl().toString(), "credentials",
						Map.of("accessToken", FakeMastodon.TOKEN))), 201).json().get("id").asString());
			}
			// a first round, not measured: the workers' code is compiled and their pools filled before the burst
			var warmup = approve(api, characterId, channelIds, warmupPosts, "warm-up");
			for (var postId : warmup) {
				expect(api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString())), 200);
			}
			awaitPublished(jdbcUrl, dbPassword, warmupPosts * channels);

			var approved = approve(api, characterId, channelIds, posts, "scaling");
			var workerProcesses = processes.subList(1, processes.size());
			var cpuBefore = cpu(workerProcesses);
			var sampler = CompletableFuture.runAsync(() -> sample(jdbcUrl, dbPassword, picks, sampling));
			var due = Instant.now().plusSeconds(leadSeconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
			for (var postId : approved) {
				expect(api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", due.toString())), 200);
			}
			if (!Instant.now().isBefore(due)) {
				throw new IllegalStateException("scheduling took longer than bench.leadSeconds=" + leadSeconds
						+ "; the first publications may have started before the last were scheduled");
			}
			int total = posts * channels;
			awaitPublished(jdbcUrl, dbPassword, (warmupPosts + posts) * channels);
			var cpuAfter = cpu(workerProcesses);
			var loadAverage = Files.readString(Path.of("/proc/loadavg")).split(" ", 4);
			sampling.set(false);
			sampler.join();

			long lastDone;
			long firstStart;
			long attempts;
			double attemptMillis;
			double attemptSeconds;
			try (var c = DriverManager.getConnection(jdbcUrl, "postgres", dbPassword);
					var statement = c.prepareStatement("""
							select max(a.finished_at), min(a.started_at), count(*),
							percentile_cont(0.5) within group (order by extract(epoch from a.finished_at - a.started_at) * 1000),
							sum(extract(epoch from a.finished_at - a.started_at))
							from publishing_attempts a join publishing_publications p on p.id = a.publication_id
							where p.due_at = ?""")) {
				statement.setTimestamp(1, java.sql.Timestamp.from(due));
				try (var rs = statement.executeQuery()) {
					rs.next();
					lastDone = rs.getTimestamp(1).getTime();
					firstStart = rs.getTimestamp(2).getTime();
					attempts = rs.getLong(3);
					attemptMillis = rs.getDouble(4);
					attemptSeconds = rs.getDouble(5);
				}
			}
			if (attempts < total) {
				throw new IllegalStateException("found " + attempts + " attempts of " + total + " publications due at " + due);
			}
			// each publication counted once, on the node seen running it (a sample of each execution)
			var split = picks.stream().map(p -> p.substring(p.indexOf('@') + 1))
				.collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
			var seconds = (lastDone - due.toEpochMilli()) / 1000.0;
			var created = mastodon.postsCreated() - warmupPosts * channels;
			completed = true;
			return new Run(workers, total, seconds, firstStart - due.toEpochMilli(), attempts, attemptMillis,
					attemptSeconds / seconds, (cpuAfter - cpuBefore) / (double) total,
					String.join(" ", loadAverage[0], loadAverage[1], loadAverage[2]), created, split, picks.size());
		}
		finally {
			sampling.set(false);
			for (int i = processes.size() - 1; i >= 0; i--) {
				processes.get(i).destroy(); // the web node last: it stops the database
				processes.get(i).waitFor();
			}
			if (completed) {
				ChildTroupe.deleteTree(root); // its PostgreSQL data directory; kept with the logs when the run failed
			}
		}
	}

	private static List<String> approve(Api api, String characterId, List<String> channelIds, int posts, String caption) {
		var approved = new ArrayList<String>();
		for (int p = 0; p < posts; p++) {
			var postId = expect(api.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption + " " + p,
					"channelIds", channelIds)), 200, 201).json().get("id").asString();
			expect(api.post("/api/v1/posts/" + postId + "/submit", Map.of()), 200);
			expect(api.post("/api/v1/posts/" + postId + "/approve", Map.of()), 200);
			approved.add(postId);
		}
		return approved;
	}

	private static void awaitPublished(String url, String password, int publications) throws Exception {
		var deadline = System.currentTimeMillis() + 600_000;
		while (ChildTroupe.count(url, password, "select count(*) from publishing_publications where state = 'PUBLISHED'") < publications) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException("timed out: " + states(url, password));
			}
			Thread.sleep(100);
		}
	}

	/** CPU time the worker processes have used so far, in milliseconds (Linux reports it for child processes). */
	private static long cpu(List<Process> workers) {
		return workers.stream()
			.mapToLong(p -> p.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time of " + p))
				.toMillis())
			.sum();
	}

	private static Api.Response expect(Api.Response response, int... statuses) {
		if (java.util.Arrays.stream(statuses).noneMatch(s -> s == response.status())) {
			throw new IllegalStateException("expected " + java.util.Arrays.toString(statuses) + ": " + response);
		}
		return response;
	}

	private static String[] args(List<String> common, String... more) {
		var all = new ArrayList<>(common);
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private static String states(String url, String password) throws Exception {
		var states = new TreeMap<String, Long>();
		try (var c = DriverManager.getConnection(url, "postgres", password);
				var rs = c.createStatement().executeQuery("select state, count(*) from publishing_publications group by state")) {
			while (rs.next()) {
				states.put(rs.getString(1), rs.getLong(2));
			}
		}
		return states.toString();
	}

	/** Which node runs which publication, as db-scheduler marks it ({@code picked_by}) while it runs. */
	private static void sample(String url, String password, Set<String> picks, AtomicBoolean running) {
		try (var c = DriverManager.getConnection(url, "postgres", password)) {
			while (running.get()) {
				try (var rs = c.createStatement().executeQuery(
						"select task_instance, picked_by from scheduled_tasks where picked and task_name = 'publication'")) {
					while (rs.next()) {
						picks.add(rs.getString(1) + "@" + rs.getString(2));
					}
				}
				Thread.sleep(20);
			}
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
