package dev.troupe.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.troupe.generation.GenerationManagement;
import dev.troupe.publishing.platform.mastodon.FakeMastodon;
import dev.troupe.support.Api;
import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The inbox against a protocol-faithful Mastodon: mentions, replies and quotes are collected once however the polls
 * overlap or repeat, the block list dismisses at collection, a reply goes through review and is published once in
 * the right thread, drafts come from the text backend with the persona, lore, original and thread, and automatic
 * replies stop at the conversation's limit.
 */
class InboxIntegrationTests extends IntegrationTest {

	private FakeMastodon mastodon;

	@Autowired
	InboxCollector collector;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GenerationManagement generation;

	/** One instance per test: its notifications are this test's only. */
	@BeforeEach
	void start() throws Exception {
		mastodon = new FakeMastodon();
	}

	@AfterEach
	void stop() {
		mastodon.close();
	}

	@Test
	void mentionsRepliesAndQuotesAreCollectedOnceAcrossOverlappingAndRepeatedPolls() throws Exception {
		var setup = characterWithMastodon(Map.of());
		var original = publishOnMastodon(setup, "My first sketch of the harbor " + UUID.randomUUID());
		var reply = mastodon.mention("fan@other.example", "Love the harbor!", original.id());
		mastodon.mention("curious@else.example", "Hi, are you a bot?", null);
		mastodon.quote("critic@third.example", "Not bad at all", original.id());
		mastodon.favourite(original.id()); // not something said to the character

		// two polls at once, then another: the unique (channel, platform id) keeps one of each
		var pool = Executors.newFixedThreadPool(2);
		try {
			var polls = new ArrayList<Callable<InboxCollector.Run>>();
			polls.add(() -> collector.collect(setup.channelId()));
			polls.add(() -> collector.collect(setup.channelId()));
			for (var run : pool.invokeAll(polls)) {
				run.get();
			}
		}
		finally {
			pool.shutdown();
		}
		collector.collect(setup.channelId());
		// as after a crash that stored the items but not the cursor: the same page again
		jdbc.sql("update engagement_channels set cursor = null where channel_id = ?").param(setup.channelId()).update();
		collector.collect(setup.channelId());

		var list = owner.get("/api/v1/inbox?channelId=" + setup.channelId()).json();
		assertThat(list.get("items").size()).as(list.toString()).isEqualTo(3);
		assertThat(list.get("openCount").asInt()).isEqualTo(3);
		assertThat(list.get("items").findValuesAsString("kind")).containsExactlyInAnyOrder("reply", "mention", "quote");
		var replyItem = item(list, "reply");
		assertThat(replyItem.at("/author/handle").asString()).isEqualTo("fan@other.example");
		assertThat(replyItem.get("text").asString()).contains("Love the harbor!");
		assertThat(replyItem.get("inReplyToRemoteId").asString()).isEqualTo(original.id());
		assertThat(replyItem.get("originalPublicationId").asString()).isEqualTo(original.publicationId());
		assertThat(replyItem.get("state").asString()).isEqualTo("open");
		assertThat(replyItem.get("platform").asString()).isEqualTo("mastodon");

		var search = owner.get("/api/v1/inbox?channelId=" + setup.channelId() + "&q=BOT").json();
		assertThat(search.get("items").findValuesAsString("kind")).containsExactly("mention");
		assertThat(owner.get("/api/v1/inbox/count").json().get("open").asInt()).isGreaterThanOrEqualTo(3);

		var detail = owner.get("/api/v1/inbox/" + replyItem.get("id").asString()).json();
		assertThat(detail.get("thread").findValuesAsString("remoteId")).containsExactly(original.id(), reply);
		assertThat(detail.at("/original/text").asString()).contains("first sketch of the harbor");
		assertThat(detail.at("/original/publicationId").asString()).isEqualTo(original.publicationId());
		assertThat(detail.get("drafts").size()).isZero();

		var dismissed = as("EDITOR").post("/api/v1/inbox/" + item(list, "mention").get("id").asString() + "/dismiss", Map.of());
		assertThat(dismissed.json().get("state").asString()).isEqualTo("dismissed");
		assertThat(owner.get("/api/v1/inbox?channelId=" + setup.channelId() + "&state=open").json().get("items").size())
			.isEqualTo(2);
		var reopened = as("EDITOR").post("/api/v1/inbox/" + item(list, "mention").get("id").asString() + "/reopen", Map.of());
		assertThat(reopened.json().get("state").asString()).isEqualTo("open");
		assertThat(as("VIEWER").post("/api/v1/inbox/" + item(list, "mention").get("id").asString() + "/dismiss", Map.of())
			.status()).isEqualTo(403);
	}

	@Test
	void aReplyIsReviewedThenPublishedOnceInTheRightThread() throws Exception {
		var setup = characterWithMastodon(Map.of());
		var original = publishOnMastodon(setup, "Harbor at dawn " + UUID.randomUUID());
		var remoteId = mastodon.mention("fan@other.example", "Where is this?", original.id());
		collector.collect(setup.channelId());
		var itemId = itemId(setup, remoteId);

		var editor = as("EDITOR");
		var reply = editor.post("/api/v1/inbox/" + itemId + "/reply", Map.of("text", "It is the old harbor of Vell."));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		assertThat(reply.json().get("state").asString()).isEqualTo("IN_REVIEW");
		var postId = reply.json().get("postId").asString();
		assertThat(owner.get("/api/v1/inbox/" + itemId).json().get("state").asString()).isEqualTo("answered");
		assertThat(owner.get("/api/v1/inbox/" + itemId).json().get("replyPostId").asString()).isEqualTo(postId);
		assertThat(mastodon.published().stream().filter(p -> remoteId.equals(p.inReplyToId()))).as("not before review").isEmpty();

		var approved = as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of());
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(owner.get("/api/v1/posts/" + postId).json()
			.get("state").asString()));
		var answers = mastodon.published().stream().filter(p -> remoteId.equals(p.inReplyToId())).toList();
		assertThat(answers).as("published once, as a reply to the fan's status").hasSize(1);
		assertThat(answers.get(0).text()).isEqualTo("@fan@other.example It is the old harbor of Vell.");
		var statuses = mastodon.requests("POST", "/api/v1/statuses");
		assertThat(statuses.get(statuses.size() - 1).getHeaders().get("Idempotency-Key")).isNotBlank();
	}

	@Test
	void theBlockListDismissesAtCollectionAndBannedWordsFlag() {
		var setup = characterWithMastodon(Map.of("preferences", Map.of("bannedWords", List.of("pineapple"))));
		var original = publishOnMastodon(setup, "Lunch " + UUID.randomUUID());
		var blockedAccount = "spam" + UUID.randomUUID().toString().substring(0, 6) + "@bad.example";
		var put = owner.put("/api/v1/inbox/blocklist", Map.of("accounts", List.of("@" + blockedAccount),
				"words", List.of("casino")));
		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		assertThat(as("EDITOR").put("/api/v1/inbox/blocklist", Map.of("accounts", List.of(), "words", List.of())).status())
			.isEqualTo(403);
		var fromBlocked = mastodon.mention(blockedAccount, "Follow me back", original.id());
		var withWord = mastodon.mention("someone@ok.example", "Best CASINO bonus here", original.id());
		var banned = mastodon.mention("friend@ok.example", "Pineapple on pizza?", original.id());
		collector.collect(setup.channelId());
		try {
			var blocked = owner.get("/api/v1/inbox/" + itemId(setup, fromBlocked)).json();
			assertThat(blocked.get("state").asString()).isEqualTo("dismissed");
			assertThat(blocked.get("flags").findValuesAsString("kind")).containsExactly("blocked");
			assertThat(owner.get("/api/v1/inbox/" + itemId(setup, withWord)).json().get("state").asString())
				.isEqualTo("dismissed");
			var flagged = owner.get("/api/v1/inbox/" + itemId(setup, banned)).json();
			assertThat(flagged.get("state").asString()).isEqualTo("open");
			assertThat(flagged.get("flags").findValuesAsString("kind")).containsExactly("banned-word");
			assertThat(flagged.at("/flags/0/reason").asString()).contains("pineapple");
		}
		finally {
			owner.put("/api/v1/inbox/blocklist", Map.of("accounts", List.of(), "words", List.of()));
		}
	}

	@Test
	void draftsComeFromTheTextBackendWithPersonaLoreOriginalAndThread() {
		var book = Map.of("entries", List.of(Map.of("name", "Vell", "keys", List.of("vell"), "content",
				"Vell is a rainy harbor town.")));
		var setup = characterWithMastodon(Map.of("persona", Map.of("description", "A shy painter", "character_book", book)));
		var original = publishOnMastodon(setup, "Painted the lighthouse today " + UUID.randomUUID());
		var first = mastodon.mention("fan@other.example", "Is that in Vell?", original.id());
		var second = mastodon.mention("fan2@other.example", "Looks like it", first);
		collector.collect(setup.channelId());
		var itemId = itemId(setup, second);

		var started = as("EDITOR").post("/api/v1/inbox/" + itemId + "/drafts", Map.of());
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		var jobId = UUID.fromString(started.json().get("jobId").asString());
		await().atMost(Duration.ofSeconds(20)).until(() -> generation.get(jobId).finishedAt() != null);
		var job = generation.get(jobId);
		assertThat(job.status().name()).as(String.valueOf(job.error())).isEqualTo("SUCCEEDED");
		assertThat(job.task().get("systemPrompt").asString()).contains("A shy painter").contains("Vell is a rainy harbor town.");
		assertThat(job.task().get("userPrompt").asString()).contains("Painted the lighthouse today")
			.contains("@fan@other.example: @mira Is that in Vell?").contains("Looks like it");
		assertThat(job.task().get("maxLength").asInt()).isEqualTo(500);
		assertThat(job.loreUsed().findValuesAsString("name")).containsExactly("Vell");

		var detail = owner.get("/api/v1/inbox/" + itemId).json();
		assertThat(detail.at("/draftJob/state").asString()).isEqualTo("SUCCEEDED");
		assertThat(detail.get("drafts").size()).isBetween(1, 3);
		assertThat(detail.at("/drafts/0/text").asString()).isNotBlank();
	}

	@Test
	void automaticRepliesStopAtTheConversationLimitAndAreAudited() {
		var setup = characterWithMastodon(Map.of());
		var original = publishOnMastodon(setup, "Ask me anything " + UUID.randomUUID());
		var turnedOn = owner.put("/api/v1/channels/" + setup.channelId() + "/inbox",
				Map.of("autoApproveReplies", true, "maxAutoRepliesPerConversation", 1));
		assertThat(turnedOn.status()).as(turnedOn.toString()).isEqualTo(200);
		assertThat(turnedOn.json().get("autoReplyAllowed").asBoolean()).isTrue();
		assertThat(owner.get("/api/v1/audit?limit=50").text()).contains("inbox.auto-approval.enabled");
		assertThat(as("EDITOR").put("/api/v1/channels/" + setup.channelId() + "/inbox", Map.of("enabled", false)).status())
			.isEqualTo(403);

		var first = mastodon.mention("loop@bot.example", "Question one?", original.id());
		var second = mastodon.mention("loop@bot.example", "Question two?", original.id());
		collector.collect(setup.channelId());
		var auto = as("EDITOR").post("/api/v1/inbox/" + itemId(setup, first) + "/reply", Map.of("text", "Answer one."));
		assertThat(auto.status()).as(auto.toString()).isEqualTo(201);
		assertThat(auto.json().get("automatically").asBoolean()).isTrue();
		assertThat(auto.json().get("state").asString()).isIn("APPROVED", "SCHEDULED", "PUBLISHING", "PUBLISHED");
		var limited = as("EDITOR").post("/api/v1/inbox/" + itemId(setup, second) + "/reply", Map.of("text", "Answer two."));
		assertThat(limited.json().get("automatically").asBoolean()).isFalse();
		assertThat(limited.json().get("state").asString()).isEqualTo("IN_REVIEW");
		assertThat(limited.json().get("note").asString()).contains("already had 1 automatic replies");
		var autoPost = auto.json().get("postId").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(owner.get("/api/v1/posts/" + autoPost).json()
			.get("state").asString()));
		assertThat(mastodon.published().stream().filter(p -> first.equals(p.inReplyToId()))).hasSize(1);
	}

	@Test
	void stateAndSearchTogetherNarrowEveryConversation() {
		var setup = characterWithMastodon(Map.of());
		var marker = "m" + UUID.randomUUID().toString().substring(0, 8);
		var first = mastodon.mention("ana@one.example", marker + " first question", null);
		var followUp = mastodon.mention("ana@one.example", "and a follow-up", first);
		var second = mastodon.mention("ben@two.example", marker + " second question", null);
		var other = mastodon.mention("cleo@three.example", "unrelated", null);
		collector.collect(setup.channelId());
		for (var answered : List.of(first, followUp, other)) {
			jdbc.sql("update engagement_items set state = 'ANSWERED' where channel_id = ? and remote_id = ?")
				.params(setup.channelId(), answered).update();
		}

		var base = "/api/v1/inbox?channelId=" + setup.channelId();
		var answered = owner.get(base + "&state=answered&q=" + marker).json();
		assertThat(ids(answered)).as(answered.toString()).containsExactly(itemId(setup, first).toString());
		assertThat(answered.at("/items/0/threadKey").asString())
			.isEqualTo(owner.get("/api/v1/inbox/" + itemId(setup, followUp)).json().get("threadKey").asString());
		assertThat(ids(owner.get(base + "&state=open&q=" + marker).json())).containsExactly(itemId(setup, second).toString());
		assertThat(ids(owner.get(base + "&state=answered").json())).containsExactlyInAnyOrder(itemId(setup, first).toString(),
				itemId(setup, followUp).toString(), itemId(setup, other).toString());
	}

	private static List<String> ids(JsonNode page) {
		var ids = new ArrayList<String>();
		page.get("items").forEach(i -> ids.add(i.get("id").asString()));
		return ids;
	}

	@Test
	void badInputIsAProblemNamingTheField() {
		var setup = characterWithMastodon(Map.of());
		var original = publishOnMastodon(setup, "Hello " + UUID.randomUUID());
		var remoteId = mastodon.mention("fan@other.example", "Hey", original.id());
		collector.collect(setup.channelId());
		var itemId = itemId(setup, remoteId);
		var editor = as("EDITOR");
		assertProblem(editor.post("/api/v1/inbox/" + itemId + "/reply", Map.of("text", "  ")), 400, "text");
		assertProblem(editor.post("/api/v1/inbox/" + itemId + "/reply", Map.of()), 400, "text");
		assertProblem(editor.post("/api/v1/inbox/" + itemId + "/reply", Map.of("text", "x".repeat(600))), 422,
				"channels." + setup.channelId() + ".text");
		assertProblem(owner.get("/api/v1/inbox?state=bogus"), 400, "state");
		assertProblem(owner.get("/api/v1/inbox?limit=0"), 400, "limit");
		assertThat(owner.get("/api/v1/inbox/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertProblem(owner.put("/api/v1/channels/" + setup.channelId() + "/inbox",
				Map.of("maxAutoRepliesPerConversation", 0)), 400, "maxAutoRepliesPerConversation");
		assertProblem(owner.put("/api/v1/inbox/blocklist", Map.of("accounts", List.of(" "), "words", List.of())), 400,
				"accounts[0]");
		assertThat(owner.get("/api/v1/inbox/" + itemId).json().get("state").asString())
			.as("a refused reply leaves the item open").isEqualTo("open");
	}

	record Setup(String characterId, UUID channelId) {
	}

	record Original(String id, String publicationId) {
	}

	private Setup characterWithMastodon(Map<String, Object> extra) {
		var body = new java.util.HashMap<String, Object>(extra);
		body.put("name", "Inbox " + UUID.randomUUID().toString().substring(0, 8));
		var character = owner.post("/api/v1/characters", body);
		assertThat(character.status()).as(character.toString()).isEqualTo(201);
		var characterId = character.json().get("id").asString();
		var channel = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "mastodon", "name",
				"Mastodon", "baseUrl", mastodon.baseUrl().toString(), "credentials",
				Map.of("accessToken", FakeMastodon.TOKEN), "settings", Map.of("disclosureRequired", "false")));
		assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
		return new Setup(characterId, UUID.fromString(channel.json().get("id").asString()));
	}

	private Original publishOnMastodon(Setup setup, String caption) {
		var editor = as("EDITOR");
		var post = editor.post("/api/v1/posts", Map.of("characterId", setup.characterId(), "caption", caption,
				"channelIds", List.of(setup.channelId())));
		assertThat(post.status()).as(post.toString()).isEqualTo(201);
		var postId = post.json().get("id").asString();
		var submitted = editor.post("/api/v1/posts/" + postId + "/submit", Map.of());
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		editor.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(owner.get("/api/v1/posts/" + postId).json()
			.get("state").asString()));
		var publication = owner.get("/api/v1/publications?postId=" + postId).json().get(0);
		return new Original(publication.get("remoteId").asString(), publication.get("id").asString());
	}

	private UUID itemId(Setup setup, String remoteId) {
		return jdbc.sql("select id from engagement_items where channel_id = ? and remote_id = ?")
			.params(setup.channelId(), remoteId).query(UUID.class).single();
	}

	private static JsonNode item(JsonNode list, String kind) {
		for (var item : list.get("items")) {
			if (item.get("kind").asString().equals(kind)) {
				return item;
			}
		}
		throw new AssertionError("no " + kind + " in " + list);
	}

	private static void assertProblem(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text()).contains(field);
	}
}
