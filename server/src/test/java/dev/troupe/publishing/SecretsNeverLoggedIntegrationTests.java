package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.troupe.publishing.platform.discord.FakeDiscord;
import dev.troupe.publishing.platform.telegram.FakeTelegram;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Telegram and Discord put their credential in the URL path. Publishing and verifying against the fakes, with
 * every kind of failure (500, timeout, connection refused, a mistyped token), must leave no trace of any
 * credential in the log, in API answers or in stored errors.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedIntegrationTests extends IntegrationTest {

	/** Bot API tokens are digits, a colon and base64url; a pasted one may carry a stray space. */
	private static final String MISTYPED_TELEGRAM = "654321:MISTYPED secret-telegram-token";
	private static final String MISTYPED_DISCORD = "mistyped discord/secret?token";

	@Test
	void noCredentialAppearsInTheLogOrTheApiWhateverHappens(CapturedOutput output) throws Exception {
		var character = owner.post("/api/v1/characters", Map.of("name", "Secret keeper " + UUID.randomUUID()
			.toString().substring(0, 6), "timeZone", "UTC")).json();
		var characterId = character.get("id").asString();
		var answers = new ArrayList<String>();
		var posts = new ArrayList<String>();
		var refused = closedPort();
		try (var telegram = new FakeTelegram(); var discord = new FakeDiscord()) {
			var channels = new ArrayList<String>();
			channels.add(telegram(characterId, telegram.baseUrl().toString(), FakeTelegram.TOKEN, answers));
			channels.add(discord(characterId, discord.baseUrl().toString(), FakeDiscord.TOKEN, answers));
			for (var channel : channels) {
				posts.add(publishOnce(characterId, channel));
			}
			for (var fake : List.<PlatformFake>of(telegram, discord)) {
				fake.failNextWith(500);
			}
			for (var channel : channels) {
				posts.add(publishOnce(characterId, channel));
			}
			for (var fake : List.<PlatformFake>of(telegram, discord)) {
				fake.hangNext();
			}
			for (var channel : channels) {
				posts.add(publishOnce(characterId, channel));
			}
			var broken = List.of(
					telegram(characterId, "http://127.0.0.1:" + refused, FakeTelegram.TOKEN, answers),
					discord(characterId, "http://127.0.0.1:" + refused, FakeDiscord.TOKEN, answers),
					telegram(characterId, telegram.baseUrl().toString(), MISTYPED_TELEGRAM, answers),
					discord(characterId, discord.baseUrl().toString(), MISTYPED_DISCORD, answers));
			for (var channel : broken) {
				posts.add(publishOnce(characterId, channel));
			}
			for (var post : posts) {
				answers.add(owner.get("/api/v1/publications?postId=" + post).text());
				answers.add(owner.get("/api/v1/posts/" + post).text());
			}
			answers.add(owner.get("/api/v1/channels").text());
			answers.add(owner.get("/api/v1/notifications").text());
			answers.add(owner.get("/api/v1/audit?limit=1000").text());
		}
		var everything = output.getAll() + String.join("\n", answers);
		assertThat(everything).as("the test must have published and failed").contains("PUBLISHED");
		for (var secret : Set.of(FakeTelegram.TOKEN, FakeDiscord.TOKEN, "MISTYPED", "secret-telegram-token",
				"secret?token", "mistyped discord", "mistyped%20discord")) {
			assertThat(everything).as("a credential leaked").doesNotContain(secret);
		}
	}

	private String telegram(String characterId, String baseUrl, String token, List<String> answers) {
		return channel(answers, Map.of("characterId", characterId, "platform", "telegram", "name", "tg",
				"baseUrl", baseUrl, "credentials", Map.of("botToken", token),
				"settings", Map.of("chatId", FakeTelegram.CHANNEL, "timeoutMillis", "1000")));
	}

	private String discord(String characterId, String baseUrl, String token, List<String> answers) {
		var root = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
		return channel(answers, Map.of("characterId", characterId, "platform", "discord", "name", "dc",
				"credentials", Map.of("webhookUrl", root + "api/webhooks/" + FakeDiscord.WEBHOOK_ID + "/" + token),
				"settings", Map.of("timeoutMillis", "1000")));
	}

	private String channel(List<String> answers, Map<String, Object> body) {
		var created = owner.post("/api/v1/channels", new HashMap<>(body));
		answers.add(created.text());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var id = created.json().get("id").asString();
		answers.add(owner.post("/api/v1/channels/" + id + "/verify", Map.of()).text());
		return id;
	}

	/** Schedules a post on the channel a second from now and waits until its first attempt has ended. */
	private String publishOnce(String characterId, String channel) {
		var post = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption",
				"Secrets stay secret " + UUID.randomUUID(), "channelIds", List.of(channel))).json().get("id").asString();
		assertThat(owner.post("/api/v1/posts/" + post + "/submit", Map.of()).status()).isEqualTo(200);
		// a second person reviews (owners approving their own posts is a studio setting, off by default)
		assertThat(as("REVIEWER").post("/api/v1/posts/" + post + "/approve", Map.of()).status()).isEqualTo(200);
		var at = LocalDateTime.ofInstant(Instant.now().plusSeconds(1), ZoneId.of("UTC")).truncatedTo(ChronoUnit.SECONDS);
		var scheduled = owner.post("/api/v1/posts/" + post + "/schedule", Map.of("at", at.toString()));
		assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode publications = owner.get("/api/v1/publications?postId=" + post).json();
			var state = publications.at("/0/state").asString("");
			return !Set.of("", "SCHEDULED", "DUE", "IN_FLIGHT").contains(state);
		});
		return post;
	}

	private static int closedPort() throws Exception {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
