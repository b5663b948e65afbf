package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.support.Api;
import dev.troupe.support.IntegrationTest;
import dev.troupe.support.TestImages;
import tools.jackson.databind.JsonNode;

class PublishingIntegrationTests extends IntegrationTest {

	@Test
	void aPostGoesFromDraftThroughReviewToTheFeedExactlyOnce() throws Exception {
		var character = character();
		var handle = character.get("handle").asString();
		var characterId = character.get("id").asString();
		var image = image(characterId, 900, 600);
		var feed = channel(characterId, "feed", Map.of());

		var editor = as("EDITOR");
		var marker = "sunrise-" + UUID.randomUUID();
		var created = editor.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "Good morning " + marker,
				"media", List.of(Map.of("assetId", image, "altText", "A test image")), "channelIds", List.of(feed)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var postId = created.json().get("id").asString();
		assertThat(created.json().get("state").asString()).isEqualTo("DRAFT");

		assertThat(editor.post("/api/v1/posts/" + postId + "/submit", Map.of()).json().get("state").asString())
			.isEqualTo("IN_REVIEW");
		var ownApproval = editor.post("/api/v1/posts/" + postId + "/approve", Map.of());
		assertThat(ownApproval.status()).as("nobody approves their own post").isEqualTo(403);
		assertThat(as("VIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(403);
		var approved = as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of("comment", "lovely"));
		assertThat(approved.json().get("state").asString()).as(approved.toString()).isEqualTo("APPROVED");
		assertThat(approved.json().at("/review/comment").asString()).isEqualTo("lovely");

		var zone = ZoneId.of(character.get("timeZone").asString());
		var at = LocalDateTime.ofInstant(Instant.now().plusSeconds(2), zone).truncatedTo(ChronoUnit.SECONDS);
		var scheduled = editor.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", at.toString()));
		assertThat(scheduled.json().get("state").asString()).as(scheduled.toString()).isEqualTo("SCHEDULED");

		var calendar = owner.get("/api/v1/calendar?from=" + Instant.now().minusSeconds(60) + "&to="
				+ Instant.now().plusSeconds(3600) + "&characterId=" + characterId);
		assertThat(calendar.text()).contains(postId).contains("SCHEDULED");

		var post = awaitPostState(postId, "PUBLISHED");
		var publications = owner.get("/api/v1/publications?postId=" + postId).json();
		assertThat(publications.size()).isEqualTo(1);
		assertThat(publications.at("/0/attempts").size()).isEqualTo(1);
		assertThat(Instant.parse(publications.at("/0/attempts/0/startedAt").asString()))
			.as("never before its time").isAfterOrEqualTo(at.atZone(zone).toInstant());

		var json = anonymous.get("/feeds/" + handle + "/feed.json");
		assertThat(json.status()).isEqualTo(200);
		assertThat(json.text()).contains(marker).contains("/feeds/" + handle + "/media/" + image);
		assertThat(anonymous.get("/feeds/" + handle).text()).contains(marker).contains("alt=\"A test image\"");
		assertThat(anonymous.get("/feeds/" + handle + "/rss.xml").text()).contains(marker);
		assertThat(anonymous.get("/feeds/" + handle + "/atom.xml").text()).contains(marker);
		assertThat(anonymous.get("/feeds/" + handle + "/media/" + image).status()).isEqualTo(200);
		assertThat(anonymous.get("/feeds/" + handle + "/media/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(Files.readString(dataDir().resolve("feeds/" + handle + "/feed.json"))).contains(marker);
		assertThat(post.get("scheduledAt").isNull()).isFalse();
	}

	@Test
	void theSameIdempotencyKeyReturnsTheSamePostAndADifferentBodyIsRefused() {
		var characterId = character().get("id").asString();
		var body = "{\"characterId\":\"" + characterId + "\",\"caption\":\"once\"}";
		var key = UUID.randomUUID().toString();
		var first = post("/api/v1/posts", body, key);
		var second = post("/api/v1/posts", body, key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
		assertThat(post("/api/v1/posts", body.replace("once", "twice"), key).status()).isEqualTo(409);
	}

	@Test
	void aPostThatDoesNotFitItsChannelIsRefusedAtSubmission() {
		var characterId = character().get("id").asString();
		var x = channel(characterId, "fake-social", Map.of("maxText", "280"));
		var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "y".repeat(300),
				"channelIds", List.of(x))).json().get("id").asString();
		var refused = owner.post("/api/v1/posts/" + postId + "/submit", Map.of());
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("channels." + x + ".text");
		assertThat(refused.json().at("/errors/0/reason").asString()).contains("300").contains("280");
	}

	@Test
	void theDisclosureLineIsRequiredAtSubmitAndAtScheduleWithPerChannelOverrides() {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Discloser " + UUID.randomUUID().toString().substring(0, 8),
				"preferences", Map.of("disclosure", "AI character"))).json().get("id").asString();
		var feed = channel(characterId, "feed", Map.of());
		var tagged = channel(characterId, "feed", Map.of("disclosure", "#AIgenerated"));
		var free = channel(characterId, "feed", Map.of("disclosureRequired", "false"));

		var missing = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "Morning light",
				"channelIds", List.of(feed))).json().get("id").asString();
		var refused = owner.post("/api/v1/posts/" + missing + "/submit", Map.of());
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("caption");
		assertThat(refused.json().at("/errors/0/reason").asString()).contains("\"AI character\"").contains("the character's");

		var override = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "Morning light. ai   Character",
				"channelIds", List.of(feed, tagged))).json().get("id").asString();
		var refusedOverride = owner.post("/api/v1/posts/" + override + "/submit", Map.of());
		assertThat(refusedOverride.status()).isEqualTo(422);
		assertThat(refusedOverride.json().get("errors").size()).as("case and spacing do not matter on the first channel").isEqualTo(1);
		assertThat(refusedOverride.json().at("/errors/0/reason").asString()).contains("#AIgenerated").contains("this channel's").contains(tagged);

		var variant = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "Morning light. AI character",
				"channelIds", List.of(feed, tagged), "variants", Map.of(tagged, Map.of("caption", "Morning light")))).json().get("id").asString();
		var refusedVariant = owner.post("/api/v1/posts/" + variant + "/submit", Map.of());
		assertThat(refusedVariant.json().at("/errors/0/field").asString()).isEqualTo("variants." + tagged + ".caption");

		var notRequired = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "Morning light",
				"channelIds", List.of(free))).json().get("id").asString();
		assertThat(owner.post("/api/v1/posts/" + notRequired + "/submit", Map.of()).status()).isEqualTo(200);

		// approved with the character's line, then the channel asks for its own: scheduling is refused
		var approved = approvedPost(characterId, List.of(feed), "Morning light. AI character");
		assertThat(owner.patch("/api/v1/channels/" + feed, Map.of("settings", Map.of("disclosure", "#AIgenerated"))).status())
			.isEqualTo(200);
		var schedule = owner.post("/api/v1/posts/" + approved + "/schedule", Map.of("at", Instant.now().plusSeconds(3600).toString()));
		assertThat(schedule.status()).isEqualTo(422);
		assertThat(schedule.json().at("/errors/0/field").asString()).isEqualTo("caption");
	}

	@Test
	void anUploadIsStampedOnlyWhenAPersonMarksItAsGeneratedElsewhere() {
		var characterId = character().get("id").asString();
		var photo = image(characterId, 64, 48);
		assertThat(dev.troupe.media.Provenance.readDigitalSourceType(owner.get("/api/v1/media/" + photo).bytes())).isEmpty();

		var unnamed = owner.post("/api/v1/media/" + photo + "/generated-elsewhere", Map.of("tool", " "));
		assertThat(unnamed.status()).isEqualTo(400);
		assertThat(unnamed.json().at("/errors/0/field").asString()).isEqualTo("tool");

		var marked = owner.post("/api/v1/media/" + photo + "/generated-elsewhere", Map.of("tool", "Midjourney v7"));
		assertThat(marked.status()).as(marked.toString()).isEqualTo(201);
		var copy = marked.json().get("id").asString();
		assertThat(copy).isNotEqualTo(photo);
		assertThat(dev.troupe.media.Provenance.readDigitalSourceType(owner.get("/api/v1/media/" + copy).bytes()))
			.contains("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
		assertThat(dev.troupe.media.Provenance.readDigitalSourceType(owner.get("/api/v1/media/" + photo).bytes()))
			.as("the original stays as it was").isEmpty();
	}

	@Test
	void aWebpImageIsAcceptedAndMeasured() throws Exception {
		var characterId = character().get("id").asString();
		var webp = java.nio.file.Files.createTempFile("test-", ".webp");
		var builder = new ProcessBuilder(VideoTranscoder.binary(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
				"-i", "testsrc=size=96x64", "-frames:v", "1", "-c:v", "libwebp", webp.toString()).redirectErrorStream(true);
		VideoTranscoder.libraries(builder.environment());
		var process = builder.start();
		assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();

		var uploaded = owner.upload("/api/v1/characters/" + characterId + "/references", "ref.webp",
				java.nio.file.Files.readAllBytes(webp));
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		var asset = uploaded.json().at("/visual/referenceAssetIds/0").asString();
		var info = owner.get("/api/v1/media/" + asset + "/info").json();
		assertThat(info.get("contentType").asString()).isEqualTo("image/webp");
		assertThat(info.get("width").asInt()).isEqualTo(96);
		assertThat(owner.get("/api/v1/media/" + asset + "/thumbnail").status()).isEqualTo(200);
	}

	@Test
	void autoApprovalIsAnOwnersAuditedChoice() {
		var characterId = character().get("id").asString();
		var channel = channel(characterId, "feed", Map.of());
		assertThat(as("EDITOR").patch("/api/v1/channels/" + channel, Map.of("autoApprove", true)).status()).isEqualTo(403);
		assertThat(owner.patch("/api/v1/channels/" + channel, Map.of("autoApprove", true)).json().get("autoApprove")
			.asBoolean()).isTrue();
		assertThat(owner.get("/api/v1/audit?limit=50").text()).contains("channel.updated").contains("autoApprove");
		var postId = as("EDITOR").post("/api/v1/posts", Map.of("characterId", characterId, "caption", "auto",
				"channelIds", List.of(channel))).json().get("id").asString();
		var submitted = as("EDITOR").post("/api/v1/posts/" + postId + "/submit", Map.of());
		assertThat(submitted.json().get("state").asString()).isEqualTo("APPROVED");
		assertThat(submitted.json().at("/review/by").asString()).isEqualTo("auto-approval");
	}

	@Test
	void aRateLimitDelaysOnlyItsChannelAndThePostIsPublishedAfterwards() {
		var characterId = character().get("id").asString();
		var limited = channel(characterId, "fake-social", Map.of("mode", "ratelimit-once"));
		var postId = approvedPost(characterId, List.of(limited), "limited once");
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		awaitPostState(postId, "PUBLISHED");
		var attempts = owner.get("/api/v1/publications?postId=" + postId).json().at("/0/attempts");
		assertThat(attempts.size()).isEqualTo(2);
		assertThat(attempts.at("/0/outcome").asString()).isEqualTo("RATE_LIMITED");
		assertThat(owner.get("/api/v1/channels/" + limited).json().get("blockedUntil").isNull()).isFalse();
	}

	@Test
	void aPlatformWideRateLimitHoldsBackEveryChannelOfThatPlatformOnly() {
		var characterId = character().get("id").asString();
		var global = channel(characterId, "fake-social", Map.of("mode", "ratelimit-global-once"));
		var sibling = channel(characterId, "fake-social", Map.of());
		var other = channel(characterId, "feed", Map.of());
		var postId = approvedPost(characterId, List.of(global), "globally limited");
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(15)).until(() -> !owner.get("/api/v1/channels/" + global).json()
			.get("blockedUntil").isNull());
		assertThat(owner.get("/api/v1/channels/" + sibling).json().get("blockedUntil").isNull())
			.as("same platform and address waits too").isFalse();
		assertThat(owner.get("/api/v1/channels/" + other).json().get("blockedUntil").isNull())
			.as("another platform does not").isTrue();
		awaitPostState(postId, "PUBLISHED");
	}

	@Test
	void anUnknownOutcomeIsReconciledOrLeftToAPersonNeverResent() {
		var characterId = character().get("id").asString();
		var findable = channel(characterId, "fake-social", Map.of("mode", "unknown-then-found"));
		var found = approvedPost(characterId, List.of(findable), "found by reconciling");
		owner.post("/api/v1/posts/" + found + "/schedule", Map.of("at", Instant.now().toString()));
		awaitPostState(found, "PUBLISHED");
		assertThat(FakeSocial.CALLS.get(UUID.fromString(findable)).get()).as("sent once").isEqualTo(1);

		var unknowable = channel(characterId, "fake-social", Map.of("mode", "unknown"));
		var waiting = approvedPost(characterId, List.of(unknowable), "nobody knows");
		owner.post("/api/v1/posts/" + waiting + "/schedule", Map.of("at", Instant.now().toString()));
		awaitPostState(waiting, "UNCONFIRMED");
		await().atMost(Duration.ofSeconds(15)).until(() -> owner.get("/api/v1/notifications?unread=true").text()
			.contains(waiting));
		assertThat(FakeSocial.CALLS.get(UUID.fromString(unknowable)).get()).as("never resent blindly").isEqualTo(1);

		var publication = owner.get("/api/v1/publications?postId=" + waiting).json().get(0);
		assertThat(publication.get("state").asString()).isEqualTo("UNCONFIRMED");
		var marked = owner.post("/api/v1/publications/" + publication.get("id").asString() + "/mark-published",
				Map.of("url", "https://fake.social/checked"));
		assertThat(marked.json().get("state").asString()).isEqualTo("PUBLISHED");
		awaitPostState(waiting, "PUBLISHED");
	}

	@Test
	void notificationReadStateIsPerUser() {
		var characterId = character().get("id").asString();
		var rejecting = channel(characterId, "fake-social", Map.of("mode", "reject"));
		var postId = approvedPost(characterId, List.of(rejecting), "spam, says the platform");
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(15)).until(() -> owner.get("/api/v1/notifications?unread=true").text().contains(postId));
		JsonNode mine = null;
		for (var n : owner.get("/api/v1/notifications?unread=true").json()) {
			if (n.get("postId").asString("").equals(postId)) {
				mine = n;
			}
		}
		assertThat(mine).isNotNull();
		var id = mine.get("id").asLong();
		assertThat(owner.post("/api/v1/notifications/" + id + "/read", Map.of()).status()).isEqualTo(204);
		assertThat(owner.get("/api/v1/notifications?unread=true").text()).doesNotContain(postId);
		assertThat(owner.get("/api/v1/notifications").text()).contains(postId);
		var reviewer = as("REVIEWER");
		assertThat(reviewer.get("/api/v1/notifications?unread=true").text()).as("still unread for someone else")
			.contains(postId);
		assertThat(reviewer.post("/api/v1/notifications/" + id + "/read", Map.of()).status()).isEqualTo(204);
		assertThat(reviewer.get("/api/v1/notifications?unread=true").text()).doesNotContain(postId);
		assertThat(owner.post("/api/v1/notifications/999999999/read", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void revokedCredentialsMarkTheChannelAndItsPostsWait() {
		var characterId = character().get("id").asString();
		var revoked = channel(characterId, "fake-social", Map.of("mode", "revoked"));
		var postId = approvedPost(characterId, List.of(revoked), "waiting for reconnect");
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(15)).until(() -> owner.get("/api/v1/channels/" + revoked).json().get("status")
			.asString().equals("NEEDS_RECONNECT"));
		await().atMost(Duration.ofSeconds(10)).until(() -> owner.get("/api/v1/publications?postId=" + postId).json()
			.at("/0/state").asString().equals("WAITING_FOR_CHANNEL"));
		assertThat(owner.get("/api/v1/notifications").text()).contains("channel.needs_reconnect");

		owner.patch("/api/v1/channels/" + revoked, Map.of("credentials", Map.of("token", "new"), "settings", Map.of("mode", "ok")));
		assertThat(owner.post("/api/v1/channels/" + revoked + "/verify", Map.of()).json().get("status").asString())
			.isEqualTo("OK");
		awaitPostState(postId, "PUBLISHED"); // reconnecting released the waiting post
	}

	@Test
	void imagesAreFittedToThePlatformsLimitsBeforeTheyLeave() {
		var characterId = character().get("id").asString();
		var small = channel(characterId, "fake-social", Map.of());
		var big = image(characterId, 1000, 750);
		var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "big picture",
				"media", List.of(Map.of("assetId", big, "altText", "noise")), "channelIds", List.of(small)))
			.json().get("id").asString();
		owner.post("/api/v1/posts/" + postId + "/submit", Map.of());
		as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of());
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		var post = awaitPostState(postId, "PUBLISHED");
		assertThat(post.get("state").asString()).isEqualTo("PUBLISHED");
	}

	@Test
	void unschedulingReturnsThePostToApproved() {
		var characterId = character().get("id").asString();
		var feed = channel(characterId, "feed", Map.of());
		var postId = approvedPost(characterId, List.of(feed), "later");
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().plusSeconds(3600).toString()));
		assertThat(owner.patch("/api/v1/posts/" + postId, Map.of("caption", "edit")).status()).isEqualTo(409);
		var unscheduled = owner.post("/api/v1/posts/" + postId + "/unschedule", Map.of());
		assertThat(unscheduled.json().get("state").asString()).isEqualTo("APPROVED");
		assertThat(owner.get("/api/v1/publications?postId=" + postId).json().at("/0/state").asString()).isEqualTo("CANCELLED");
		var edited = owner.patch("/api/v1/posts/" + postId, Map.of("caption", "edited after approval"));
		assertThat(edited.json().get("state").asString()).as("editing sends it back to review").isEqualTo("IN_REVIEW");
	}

	@Test
	void aLocalTimeIsTheCharactersWallClockOnBothSidesOfDaylightSaving() {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Berliner " + UUID.randomUUID().toString()
			.substring(0, 6), "timeZone", "Europe/Berlin")).json().get("id").asString();
		var feed = channel(characterId, "feed", Map.of());
		var winter = approvedPost(characterId, List.of(feed), "winter");
		owner.post("/api/v1/posts/" + winter + "/schedule", Map.of("at", "2030-01-15T09:00"));
		assertThat(owner.get("/api/v1/publications?postId=" + winter).json().at("/0/dueAt").asString())
			.isEqualTo("2030-01-15T08:00:00Z");
		var summer = approvedPost(characterId, List.of(feed), "summer");
		owner.post("/api/v1/posts/" + summer + "/schedule", Map.of("at", "2030-07-15T09:00"));
		assertThat(owner.get("/api/v1/publications?postId=" + summer).json().at("/0/dueAt").asString())
			.isEqualTo("2030-07-15T07:00:00Z");
		owner.post("/api/v1/posts/" + winter + "/unschedule", Map.of());
		owner.post("/api/v1/posts/" + summer + "/unschedule", Map.of());
	}

	@Test
	void aCharactersCalendarHoldsItsOwnChannelsInTimeOrder() {
		var mine = character().get("id").asString();
		var theirs = character().get("id").asString();
		var myFeed = channel(mine, "feed", Map.of());
		var mySocial = channel(mine, "fake-social", Map.of());
		var theirFeed = channel(theirs, "feed", Map.of());
		var later = approvedPost(mine, List.of(myFeed), "later");
		var earlier = approvedPost(mine, List.of(mySocial), "earlier");
		var between = approvedPost(theirs, List.of(theirFeed), "theirs");
		var cancelled = approvedPost(mine, List.of(myFeed), "cancelled");
		owner.post("/api/v1/posts/" + later + "/schedule", Map.of("at", "2031-03-05T12:00:00Z"));
		owner.post("/api/v1/posts/" + earlier + "/schedule", Map.of("at", "2031-03-03T12:00:00Z"));
		owner.post("/api/v1/posts/" + between + "/schedule", Map.of("at", "2031-03-04T12:00:00Z"));
		owner.post("/api/v1/posts/" + cancelled + "/schedule", Map.of("at", "2031-03-04T13:00:00Z"));
		owner.post("/api/v1/posts/" + cancelled + "/unschedule", Map.of());
		var week = "/api/v1/calendar?from=2031-03-02T00:00:00Z&to=2031-03-09T00:00:00Z";

		var calendar = owner.get(week + "&characterId=" + mine).json();
		assertThat(calendar.valueStream().map(e -> e.get("postId").asString()).toList()).containsExactly(earlier, later);
		assertThat(calendar.valueStream().map(e -> e.get("channelId").asString()).toList()).containsExactly(mySocial, myFeed);
		assertThat(owner.get(week + "&characterId=" + mine + "&channelId=" + theirFeed).json().size())
			.as("a channel of another character").isZero();
		assertThat(owner.get(week + "&characterId=" + theirs + "&channelId=" + theirFeed).json().at("/0/postId").asString())
			.isEqualTo(between);
		for (var post : List.of(later, earlier, between)) {
			owner.post("/api/v1/posts/" + post + "/unschedule", Map.of());
		}
	}

	private String approvedPost(String characterId, List<String> channels, String caption) {
		var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption,
				"channelIds", channels)).json().get("id").asString();
		assertThat(owner.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		var approved = as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of());
		assertThat(approved.json().get("state").asString()).as(approved.toString()).isEqualTo("APPROVED");
		return postId;
	}

	private JsonNode character() {
		var created = owner.post("/api/v1/characters", Map.of("name", "Poster " + UUID.randomUUID().toString().substring(0, 8),
				"timeZone", "Europe/Lisbon"));
		assertThat(created.status()).isEqualTo(201);
		return created.json();
	}

	private String channel(String characterId, String platform, Map<String, String> settings) {
		var body = new HashMap<String, Object>(Map.of("characterId", characterId, "platform", platform, "name",
				platform + " test", "settings", settings));
		if (platform.equals("fake-social")) {
			body.put("credentials", Map.of("token", "secret-token"));
		}
		var created = owner.post("/api/v1/channels", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text()).doesNotContain("secret-token");
		return created.json().get("id").asString();
	}

	private String image(String characterId, int width, int height) {
		var picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		var random = new Random(width * 31L + height);
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < height; y++) {
				picture.setRGB(x, y, new Color(random.nextInt(256), (x * 255) / width, (y * 255) / height).getRGB());
			}
		}
		var uploaded = owner.upload("/api/v1/characters/" + characterId + "/references", "ref.png", TestImages.png(picture));
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		var refs = uploaded.json().at("/visual/referenceAssetIds");
		return refs.get(refs.size() - 1).asString();
	}

	private JsonNode awaitPostState(String postId, String state) {
		var holder = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			holder[0] = owner.get("/api/v1/posts/" + postId).json();
			return holder[0].get("state").asString().equals(state);
		});
		return holder[0];
	}

	private Api.Response post(String path, String body, String key) {
		return owner.postWithHeaders(path, body, "Idempotency-Key", key);
	}
}
