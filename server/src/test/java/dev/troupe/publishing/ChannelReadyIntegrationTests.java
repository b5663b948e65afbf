package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;

/**
 * A channel on a platform that needs no account is ready the moment it exists (nothing to verify), and says where
 * anyone can read it; a channel with an account to check is not shown as verified before it is.
 */
class ChannelReadyIntegrationTests extends IntegrationTest {

	@Test
	void aFeedChannelIsReadyOnCreationAndShowsItsPublicAddresses() {
		var handle = "ready-" + UUID.randomUUID().toString().substring(0, 8);
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Ready Star", "handle", handle)).json()
			.get("id").asString();
		var created = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "feed", "name", "Feed"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("status").asString()).isEqualTo("OK");
		assertThat(created.json().at("/account/profileUrl").asString()).isEqualTo("/feeds/" + handle);
		var id = created.json().get("id").asString();
		assertThat(owner.get("/api/v1/channels/" + id).json().at("/account/handle").asString()).isEqualTo("@" + handle);

		var addresses = as("VIEWER").get("/api/v1/channels/" + id + "/addresses").json();
		assertThat(addresses.findValuesAsString("url")).containsExactly("/feeds/" + handle, "/feeds/" + handle + "/rss.xml",
				"/feeds/" + handle + "/atom.xml", "/feeds/" + handle + "/feed.json");
		for (var address : addresses) {
			assertThat(anonymous.get(address.get("url").asString()).status()).as(address.toString()).isEqualTo(200);
		}
	}

	@Test
	void aChannelWithAnAccountToCheckIsNotVerifiedByCreatingIt() {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Unverified Star")).json().get("id").asString();
		var created = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "telegram", "name",
				"Bot", "credentials", Map.of("botToken", "123456:ABCdef"), "settings", Map.of("chatId", "@somewhere")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("account").isNull()).isTrue();
		assertThat(owner.get("/api/v1/channels/" + created.json().get("id").asString() + "/addresses").json()).isEmpty();
	}
}
