package dev.troupe.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** The Posts page's list: every post reachable by state, character, channel, words and time, a page at a time. */
class PostListIntegrationTests extends IntegrationTest {

	@Test
	void postsAreFoundByStateCharacterChannelWordsAndSchedulePageByPage() {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Lister " + UUID.randomUUID().toString().substring(0, 8)))
			.json().get("id").asString();
		var feed = channel(characterId, "main feed");
		var other = channel(characterId, "second feed");
		var word = "harbour" + UUID.randomUUID().toString().substring(0, 6);
		var draft = post(characterId, "A quiet " + word + " at dawn", feed);
		var inReview = post(characterId, "Lunch by the " + word.toUpperCase(), other);
		owner.post("/api/v1/posts/" + inReview + "/submit", Map.of());
		var percent = post(characterId, "100% sure, no " + "wildcard_here", feed);

		var base = "/api/v1/posts?characterId=" + characterId;
		assertThat(ids(owner.get(base).json())).containsExactlyInAnyOrder(draft, inReview, percent);
		assertThat(ids(owner.get(base + "&state=DRAFT").json())).containsExactlyInAnyOrder(draft, percent);
		assertThat(ids(owner.get(base + "&state=in_review,APPROVED").json())).containsExactly(inReview);
		assertThat(ids(owner.get(base + "&q=" + word).json())).as("case-insensitive caption search")
			.containsExactlyInAnyOrder(draft, inReview);
		assertThat(ids(owner.get(base + "&q=%25").json())).as("%% is a character, not a wildcard").containsExactly(percent);
		assertThat(ids(owner.get(base + "&channelId=" + other).json())).containsExactly(inReview);
		assertThat(ids(owner.get(base + "&scheduled=false").json())).hasSize(3);
		assertThat(ids(owner.get(base + "&scheduled=true").json())).isEmpty();

		var first = owner.get(base + "&limit=2&offset=0");
		var second = owner.get(base + "&limit=2&offset=2");
		assertThat(first.header("X-Total-Count")).isEqualTo("3");
		assertThat(ids(first.json())).hasSize(2);
		var all = new ArrayList<>(ids(first.json()));
		all.addAll(ids(second.json()));
		assertThat(all).containsExactlyInAnyOrder(draft, inReview, percent);
	}

	@Test
	void aBadFilterIsAProblemNamingTheField() {
		for (var bad : Map.of("state=SHIPPED", "state", "limit=0", "limit", "limit=501", "limit", "offset=-1", "offset",
				"from=yesterday", "from", "q=" + "x".repeat(201), "q").entrySet()) {
			var response = owner.get("/api/v1/posts?" + bad.getKey());
			assertThat(response.status()).as(bad.getKey()).isEqualTo(400);
			assertThat(response.header("Content-Type")).contains("problem+json");
			assertThat(response.text()).as(bad.getKey()).contains("\"field\":\"" + bad.getValue() + "\"");
		}
		assertThat(owner.get("/api/v1/posts?state=SHIPPED").text()).contains("IN_REVIEW");
	}

	private String channel(String characterId, String name) {
		return owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "feed", "name", name)).json()
			.get("id").asString();
	}

	private String post(String characterId, String caption, String channelId) {
		var created = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption, "channelIds",
				List.of(channelId)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static List<String> ids(JsonNode list) {
		var ids = new ArrayList<String>();
		list.forEach(p -> ids.add(p.get("id").asString()));
		return ids;
	}
}
