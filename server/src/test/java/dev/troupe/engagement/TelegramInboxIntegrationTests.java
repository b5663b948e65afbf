package dev.troupe.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.troupe.publishing.platform.telegram.FakeTelegram;
import dev.troupe.support.IntegrationTest;

/**
 * The inbox against a protocol-faithful Telegram Bot API: comments under the channel's posts (in its discussion
 * group) and private messages to the bot come from getUpdates, each once, chatter that does not address the bot is
 * left alone, and an answer (auto-approved, as Telegram's bot terms allow) replies to the comment in the group.
 */
class TelegramInboxIntegrationTests extends IntegrationTest {

	private FakeTelegram telegram;

	@Autowired
	InboxCollector collector;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void start() throws Exception {
		telegram = new FakeTelegram();
	}

	@AfterEach
	void stop() {
		telegram.close();
	}

	@Test
	void commentsAndMessagesAreCollectedOnceAndAnsweredInTheirChat() {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Tele " + UUID.randomUUID().toString().substring(0, 8)))
			.json().get("id").asString();
		var channel = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "telegram", "name",
				"Telegram", "baseUrl", telegram.baseUrl().toString(), "credentials", Map.of("botToken", FakeTelegram.TOKEN),
				"settings", Map.of("chatId", FakeTelegram.CHANNEL, "disclosureRequired", "false")));
		assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
		var channelId = UUID.fromString(channel.json().get("id").asString());
		var editor = as("EDITOR");
		var postId = editor.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "New chapter is out",
				"channelIds", List.of(channelId))).json().get("id").asString();
		assertThat(editor.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		editor.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(owner.get("/api/v1/posts/" + postId).json()
			.get("state").asString()));
		var channelMessage = owner.get("/api/v1/publications?postId=" + postId).json().get(0).get("remoteId").asString();

		var comment = telegram.comment("lena", "Loved it!", Long.parseLong(channelMessage));
		telegram.privateMessage("max", "Hi, when is the next one?");
		telegram.chatter("zoe", "anyone here?");
		collector.collect(channelId);
		collector.collect(channelId);

		var list = owner.get("/api/v1/inbox?channelId=" + channelId).json();
		assertThat(list.get("items").findValuesAsString("kind")).as(list.toString()).containsExactlyInAnyOrder("comment",
				"message");
		var commentId = jdbc.sql("select id from engagement_items where channel_id = ? and remote_id = ?")
			.params(channelId, comment).query(UUID.class).single();
		var detail = owner.get("/api/v1/inbox/" + commentId).json();
		assertThat(detail.at("/original/text").asString()).contains("New chapter is out");
		assertThat(detail.at("/author/handle").asString()).isEqualTo("lena");

		var on = owner.put("/api/v1/channels/" + channelId + "/inbox", Map.of("autoApproveReplies", true));
		assertThat(on.status()).as(on.toString()).isEqualTo(200);
		var reply = editor.post("/api/v1/inbox/" + commentId + "/reply", Map.of("text", "Thank you, Lena!"));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		assertThat(reply.json().get("automatically").asBoolean()).isTrue();
		var replyPost = reply.json().get("postId").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(owner.get("/api/v1/posts/" + replyPost).json()
			.get("state").asString()));
		assertThat(telegram.replies()).hasSize(1);
		var sent = telegram.replies().get(0);
		assertThat(sent.chatId()).isEqualTo(FakeTelegram.GROUP_ID);
		assertThat(sent.replyToMessageId()).isEqualTo(Long.parseLong(comment.substring(comment.indexOf(':') + 1)));
		assertThat(sent.text()).isEqualTo("Thank you, Lena!");

		// the answer is recorded by chat and message, as items are; Lena's reply to it continues her conversation
		var answer = owner.get("/api/v1/publications?postId=" + replyPost).json().get(0);
		assertThat(answer.get("remoteId").asString()).isEqualTo(FakeTelegram.GROUP_ID + ":" + sent.messageId());
		var followUp = telegram.replyTo("lena", "You're welcome to visit!", FakeTelegram.GROUP_ID, sent.messageId());
		collector.collect(channelId);
		var keys = jdbc.sql("select remote_id, thread_key, kind from engagement_items where channel_id = ? and remote_id in (?, ?)")
			.params(channelId, comment, followUp)
			.query((rs, n) -> Map.entry(rs.getString("remote_id"), rs.getString("thread_key") + "/" + rs.getString("kind")))
			.list();
		assertThat(keys).hasSize(2);
		var threadOfComment = keys.stream().filter(e -> e.getKey().equals(comment)).findFirst().orElseThrow().getValue();
		var threadOfFollowUp = keys.stream().filter(e -> e.getKey().equals(followUp)).findFirst().orElseThrow().getValue();
		assertThat(threadOfFollowUp).isEqualTo(threadOfComment.replace("/comment", "/reply"));
		var followUpId = jdbc.sql("select id from engagement_items where channel_id = ? and remote_id = ?")
			.params(channelId, followUp).query(UUID.class).single();
		assertThat(owner.get("/api/v1/inbox/" + followUpId).json().get("thread").findValuesAsString("text"))
			.contains("Loved it!", "You're welcome to visit!");
	}
}
