package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;

import dev.troupe.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Never early, never orphaned: a claim re-checks the due time, a new due time set while the task runs survives
 * the run, and the sweeper arms every kind of publication that was left without a task.
 */
class PublicationTimingIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SchedulerClient scheduler;

	@Autowired
	MeterRegistry meters;

	@Test
	void aPostRescheduledWhileItsMediaIsPreparedGoesOutAtItsNewTimeNotItsOld() throws Exception {
		var characterId = character();
		var channel = channel(characterId, Map.of());
		var postId = approvedPost(characterId, channel, "rescheduled mid-preparation");
		var hold = FakeSocial.holdPreparation(UUID.fromString(channel));
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		hold.awaitStarted(); // the task instance is executing, preparing the media

		var later = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
		var moved = owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", later.toString()));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		hold.release().countDown();

		var publicationId = owner.get("/api/v1/publications?postId=" + postId).json().at("/0/id").asString();
		// the run that was preparing ends without sending, and leaves its task armed for the new time
		await().atMost(Duration.ofSeconds(5)).until(() -> taskTime(publicationId) != null
				&& taskTime(publicationId).equals(later));
		assertThat(FakeSocial.CALLS.getOrDefault(UUID.fromString(channel), new java.util.concurrent.atomic.AtomicInteger())
			.get()).as("nothing went out at the old time").isZero();

		awaitPublished(postId);
		var attempts = owner.get("/api/v1/publications?postId=" + postId).json().at("/0/attempts");
		assertThat(attempts.size()).isEqualTo(1);
		assertThat(Instant.parse(attempts.at("/0/startedAt").asString())).as("never before its new time")
			.isAfterOrEqualTo(later);
		assertThat(FakeSocial.CALLS.get(UUID.fromString(channel)).get()).isEqualTo(1);
	}

	@Test
	void publishAgainWhileAReconcileRunsIsArmedWhenTheReconcileEnds() throws Exception {
		var characterId = character();
		var channel = channel(characterId, Map.of("mode", "unknown-once"));
		var postId = approvedPost(characterId, channel, "publish again during a reconcile");
		var hold = FakeSocial.holdReconcile(UUID.fromString(channel));
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		hold.awaitStarted(); // unconfirmed, and the platform is being asked about it right now

		var publicationId = owner.get("/api/v1/publications?postId=" + postId).json().at("/0/id").asString();
		var again = owner.post("/api/v1/publications/" + publicationId + "/publish-again", Map.of());
		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		hold.release().countDown();

		// the reconcile's own execution carries the person's decision out; no sweep needed, nobody asked twice
		await().atMost(Duration.ofSeconds(8)).until(() -> owner.get("/api/v1/posts/" + postId).json().get("state")
			.asString().equals("PUBLISHED"));
		assertThat(FakeSocial.CALLS.get(UUID.fromString(channel)).get()).isEqualTo(2);
		assertThat(owner.get("/api/v1/notifications").text()).as("no question about a decided publication")
			.doesNotContain(postId);
	}

	@Test
	void theSweeperArmsEveryKindOfOrphanAgainAndEachIsPublishedOnceNeverEarly() {
		var characterId = character();
		var due = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
		var past = Instant.now().minusSeconds(30);
		var orphans = new LinkedHashMap<String, Instant>();
		orphans.put("SCHEDULED", due);
		orphans.put("DUE", past);
		orphans.put("RETRY_WAIT", due);
		orphans.put("IN_FLIGHT", past);
		orphans.put("PENDING", past);
		orphans.put("UNCONFIRMED", past);
		orphans.put("WAITING_FOR_CHANNEL", due);
		var posts = new HashMap<String, String>();
		var channels = new HashMap<String, String>();
		var before = rearmedCount();
		orphans.forEach((state, dueAt) -> {
			var channel = channel(characterId, Map.of("mode", "lookup"));
			var postId = approvedPost(characterId, channel, "orphan " + state);
			var id = UUID.randomUUID();
			// as a race or a crash would leave it: the row, and no task instance
			jdbc.sql("""
					insert into publishing_publications (id, post_id, channel_id, state, due_at, idempotency_key, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, now(), now())""")
				.params(id, UUID.fromString(postId), UUID.fromString(channel), state, Timestamp.from(dueAt), "orphan-" + id)
				.update();
			if (state.equals("IN_FLIGHT")) {
				jdbc.sql("insert into publishing_attempts (publication_id, number, started_at) values (?, 1, now())").param(id)
					.update();
			}
			posts.put(state, postId);
			channels.put(state, channel);
		});

		runSweeperNow();

		posts.values().forEach(this::awaitPublished);
		orphans.forEach((state, dueAt) -> {
			assertThat(FakeSocial.CALLS.get(UUID.fromString(channels.get(state))).get()).as(state + ": sent once").isEqualTo(1);
			var attempts = owner.get("/api/v1/publications?postId=" + posts.get(state)).json().at("/0/attempts");
			var sent = attempts.get(attempts.size() - 1);
			assertThat(sent.get("outcome").asString()).isEqualTo("PUBLISHED");
			assertThat(Instant.parse(sent.get("startedAt").asString())).as(state + ": never early").isAfterOrEqualTo(dueAt);
		});
		assertThat(rearmedCount() - before).as("counted in the metric").isGreaterThanOrEqualTo(orphans.size());
	}

	@Test
	void aPersonsWaitingDecisionIsNotAnOrphan() {
		var characterId = character();
		var channel = channel(characterId, Map.of("mode", "lookup"));
		var postId = approvedPost(characterId, channel, "waits for a person");
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into publishing_publications (id, post_id, channel_id, state, due_at, idempotency_key, handle, created_at, updated_at)
				values (?, ?, ?, 'UNCONFIRMED', now(), ?, '{"unconfirmed":"notified"}', now(), now())""")
			.params(id, UUID.fromString(postId), UUID.fromString(channel), "orphan-" + id).update();
		runSweeperNow();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> taskTime(id.toString()) == null);
		assertThat(FakeSocial.CALLS.get(UUID.fromString(channel))).isNull();
	}

	private void runSweeperNow() {
		var instance = TaskInstanceId.of(PublishingConfiguration.SWEEPER_TASK_NAME, "recurring");
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> scheduler.reschedule(instance, Instant.now()));
	}

	private double rearmedCount() {
		return meters.find(PublicationSweeper.COUNTER).counters().stream().mapToDouble(c -> c.count()).sum();
	}

	private Instant taskTime(String publicationId) {
		return jdbc.sql("""
				select execution_time from scheduled_tasks where task_name = 'publication' and task_instance = ? and not picked""")
			.param(publicationId).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
	}

	private void awaitPublished(String postId) {
		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
			.until(() -> owner.get("/api/v1/posts/" + postId).json().get("state").asString().equals("PUBLISHED"));
	}

	private String approvedPost(String characterId, String channel, String caption) {
		var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption,
				"channelIds", List.of(channel))).json().get("id").asString();
		assertThat(owner.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		return postId;
	}

	private String character() {
		JsonNode created = owner.post("/api/v1/characters", Map.of("name", "Timer " + UUID.randomUUID().toString().substring(0, 8),
				"timeZone", "Europe/Lisbon")).json();
		return created.get("id").asString();
	}

	private String channel(String characterId, Map<String, String> settings) {
		var created = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "fake-social", "name",
				"timing", "settings", settings, "credentials", Map.of("token", "secret-token")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}
