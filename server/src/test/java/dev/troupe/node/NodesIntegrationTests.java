package dev.troupe.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.platform.mastodon.FakeMastodon;
import dev.troupe.support.Api;
import dev.troupe.support.ChildTroupe;

/**
 * Three Troupe processes on one PostgreSQL (the bundled server of the first): a web-only node that owns the
 * database and takes every request, a worker-only node and a node with both roles. The web node schedules work but
 * never runs it; both workers publish; the worker-only node is SIGKILLed while it publishes and generates, and the
 * other worker finishes everything, each post created exactly once on the platform. Generation progress reaches the
 * web node's event stream although the job runs elsewhere.
 * <p>
 * Tagged {@code nodes}: part of the default run and CI; {@code -Dtroupe.skip.fault=true} leaves it out of a quick
 * local run, with the fault suite. Before db-scheduler's lock-and-fetch was limited to its threads
 * (SchedulerConfiguration#configure), this test caught executions fetched ahead of a free thread being declared dead
 * and run twice.
 */
@Tag("nodes")
class NodesIntegrationTests {

	private static final String EMAIL = "owner@nodes.test";
	private static final int EARLY_POSTS = 3;
	private static final int POSTS = 24;
	private static final int MAX_JOBS = 12;

	@Test
	void webAndWorkerNodesShareTheWorkAndAWorkerMayDie() throws Exception {
		var root = Files.createTempDirectory("troupe-nodes-");
		var passed = false;
		var key = new byte[32];
		new SecureRandom().nextBytes(key);
		// every node decrypts the same channel credentials: one master key for all
		// three JVMs start at once on a small machine: the client compiler alone starts them sooner
		var common = List.of("-XX:TieredStopAtLevel=1", "--troupe.master-key=" + Base64.getEncoder().encodeToString(key),
				"--troupe.scheduler.threads=6", "--troupe.generation.backends[1].id=gpu",
				"--troupe.generation.backends[1].type=fake-gpu", "--troupe.generation.backends[1].base-url=http://gpu.test:8188",
				"--troupe.generation.backends[1].max-concurrent=16",
				"--troupe.generation.backends[1].options.serviceMillis=6000",
				// images only: as a text backend it would also answer each submit's continuity check, 6 s apiece
				"--troupe.generation.backends[1].options.modalities=IMAGE");
		var processes = new ArrayList<Process>();
		var picks = ConcurrentHashMap.<String>newKeySet();
		var sampling = new AtomicBoolean(true);
		try (var mastodon = new FakeMastodon().slowCreate(Duration.ofMillis(1500))) {
			var webPort = ChildTroupe.freePort();
			var web = ChildTroupe.start(root.resolve("web"), webPort, EMAIL,
					args(common, "--troupe.roles=web", "--troupe.scheduler.node-name=node-web"));
			processes.add(web);
			var api = ChildTroupe.signIn(webPort, EMAIL);
			mark("web node up");
			var jdbcUrl = "jdbc:postgresql://localhost:"
					+ Files.readAllLines(root.resolve("web/postgres/postmaster.pid")).get(3).trim() + "/troupe";
			var dbPassword = Files.readString(root.resolve("web/postgres.password")).trim();
			var database = List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
					"--spring.datasource.password=" + dbPassword);

			assertThat(api.put("/api/v1/settings/studio", Map.of("ownerSelfApproval", true)).status()).isEqualTo(200);
			var characterId = api.post("/api/v1/characters", Map.of("name", "Node Tester")).json().get("id").asString();
			var created = api.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "mastodon", "name",
					"mastodon", "baseUrl", mastodon.baseUrl().toString(), "credentials",
					Map.of("accessToken", FakeMastodon.TOKEN), "settings", Map.of("replayAfterSeconds", "3")));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			var channelId = created.json().get("id").asString();

			// the web node alone: work is scheduled in the shared table, and nothing runs it
			for (int i = 0; i < EARLY_POSTS; i++) {
				schedule(api, approve(api, characterId, channelId, "early " + i), Instant.now());
			}
			Thread.sleep(2000);
			assertThat(mastodon.postsCreated()).as("a web-only node runs no publication").isZero();
			assertThat(ChildTroupe.count(jdbcUrl, dbPassword, "select count(*) from scheduled_tasks where task_name = 'publication'"))
				.isEqualTo(EARLY_POSTS);

			var sampler = CompletableFuture.runAsync(() -> sample(jdbcUrl, dbPassword, picks, sampling));
			var workerPort = ChildTroupe.freePort();
			var bothPort = ChildTroupe.freePort();
			var starting = List.of(
					CompletableFuture.supplyAsync(() -> ChildTroupe.startUnchecked(root.resolve("worker"), workerPort, EMAIL,
							args(common, database, "--troupe.roles=worker", "--troupe.scheduler.node-name=node-worker"))),
					CompletableFuture.supplyAsync(() -> ChildTroupe.startUnchecked(root.resolve("both"), bothPort, EMAIL,
							args(common, database, "--troupe.scheduler.node-name=node-both"))));
			for (var s : starting) {
				processes.add(s.join());
			}
			var worker = processes.get(1);
			mark("worker nodes up");
			await().atMost(Duration.ofSeconds(30)).until(() -> mastodon.postsCreated() == EARLY_POSTS);

			// the worker-only node answers health and nothing else
			var workerApi = new Api(workerPort, null);
			assertThat(workerApi.get("/actuator/health").status()).isEqualTo(200);
			var refused = workerApi.get("/api/v1/characters");
			assertThat(refused.status()).isEqualTo(404);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.text()).contains("TROUPE_ROLES=worker");

			// approved first, then scheduled in one burst: both workers find due publications at once
			var approved = new ArrayList<String>();
			for (int i = 0; i < POSTS; i++) {
				approved.add(approve(api, characterId, channelId, "shared " + i));
			}
			// jobs one at a time until the worker-only node runs one: which node polls first is a race, so a fixed
			// number of jobs could all land on the other node (a fake GPU runs one job at a time, 6 s each)
			var jobs = new ArrayList<String>();
			try (var probe = DriverManager.getConnection(jdbcUrl, "postgres", dbPassword)) {
				while (!holds(probe, "node-worker", "generation-job")) {
					assertThat(jobs).as("the worker-only node never took a generation job").hasSizeLessThan(MAX_JOBS);
					var job = api.post("/api/v1/generations", Map.of("characterId", characterId, "kind", "IMAGE", "input",
							Map.of("prompt", "node " + jobs.size(), "width", 128, "height", 128))).json().get("id").asString();
					jobs.add(job);
					await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
						.until(() -> picked(probe, "generation-job", job));
				}
			}
			var events = new CopyOnWriteArrayList<String>();
			var token = new Api(webPort, null).post("/api/v1/auth/token", Map.of("email", EMAIL, "password",
					ChildTroupe.PASSWORD)).json().get("token").asString();
			var stream = CompletableFuture.runAsync(() -> stream(webPort, token, jobs.get(0), events));
			mark("posts approved, " + jobs.size() + " job(s) submitted, one running on the worker-only node");
			for (var postId : approved) {
				schedule(api, postId, Instant.now());
			}
			mark("posts scheduled");

			// SIGKILL the worker-only node while it holds a publication and a generation
			try (var probe = DriverManager.getConnection(jdbcUrl, "postgres", dbPassword)) {
				await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
					.until(() -> holds(probe, "node-worker", "publication") && holds(probe, "node-worker", "generation-job"));
			}
			worker.destroyForcibly();
			worker.waitFor();
			var createdAtKill = mastodon.postsCreated();
			mark("worker killed");

			await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
				.until(() -> ChildTroupe.count(jdbcUrl, dbPassword,
						"select count(*) from publishing_publications where state = 'PUBLISHED'") == EARLY_POSTS + POSTS
						&& ChildTroupe.count(jdbcUrl, dbPassword,
								"select count(*) from generation_jobs where status = 'SUCCEEDED'") == jobs.size());
			stream.get(30, TimeUnit.SECONDS);
			mark("everything finished");
			sampling.set(false);
			sampler.join();

			assertThat(createdAtKill).as("killed in the middle of publishing").isLessThan(EARLY_POSTS + POSTS);
			assertThat(mastodon.postsCreated()).as("each publication exactly once").isEqualTo(EARLY_POSTS + POSTS);
			assertThat(picks).as("both workers published, the web node ran nothing").contains("publication@node-worker",
					"publication@node-both", "generation-job@node-worker", "generation-job@node-both")
				.noneMatch(p -> p.endsWith("@node-web"));
			assertThat(events).as("progress of a job run by a worker, streamed by the web node").contains("progress")
				.last().isEqualTo("done");
			passed = true;
		}
		finally {
			sampling.set(false);
			for (int i = processes.size() - 1; i >= 0; i--) {
				processes.get(i).destroy(); // the web node last: it stops the database
				processes.get(i).waitFor();
			}
			if (passed) {
				ChildTroupe.deleteTree(root); // three data directories; kept with the nodes' logs when the test failed
			}
		}
	}

	private static final long STARTED = System.nanoTime();

	/** Where the time goes, in the test's output (it is the longest test of the suite). */
	private static void mark(String phase) {
		System.out.printf("NODES %5.1f s: %s%n", (System.nanoTime() - STARTED) / 1e9, phase);
	}

	private static String approve(Api api, String characterId, String channelId, String caption) {
		var postId = api.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption, "channelIds",
				List.of(channelId))).json().get("id").asString();
		assertThat(api.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(api.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		return postId;
	}

	private static void schedule(Api api, String postId, Instant at) {
		var scheduled = api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", at.toString()));
		assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
	}

	private static String[] args(List<String> common, String... more) {
		return args(common, List.of(), more);
	}

	private static String[] args(List<String> common, List<String> database, String... more) {
		var all = new ArrayList<>(common);
		all.addAll(database);
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private static boolean picked(Connection c, String task, String instance) throws SQLException {
		try (var rs = c.createStatement().executeQuery("select count(*) from scheduled_tasks where picked and task_name = '"
				+ task + "' and task_instance = '" + instance + "'")) {
			rs.next();
			return rs.getLong(1) > 0;
		}
	}

	private static boolean holds(Connection c, String node, String task) throws SQLException {
		try (var rs = c.createStatement().executeQuery("select count(*) from scheduled_tasks where picked and picked_by = '"
				+ node + "' and task_name = '" + task + "'")) {
			rs.next();
			return rs.getLong(1) > 0;
		}
	}

	/** Which node ran which kind of task, as db-scheduler marks it ({@code picked_by}). */
	private static void sample(String url, String password, Set<String> picks, AtomicBoolean running) {
		try (var c = DriverManager.getConnection(url, "postgres", password)) {
			while (running.get()) {
				try (var rs = c.createStatement()
					.executeQuery("select task_name, picked_by from scheduled_tasks where picked")) {
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

	private static void stream(int port, String token, String jobId, List<String> events) {
		try {
			var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/generations/" + jobId
					+ "/events")).header("Authorization", "Bearer " + token).build();
			var response = HttpClient.newHttpClient().send(request, BodyHandlers.ofInputStream());
			try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.startsWith("event:")) {
						events.add(line.substring(6).trim());
					}
				}
			}
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
