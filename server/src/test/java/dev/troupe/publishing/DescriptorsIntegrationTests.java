package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** The descriptors of platforms and backend types, as the dashboard and other clients read them. */
class DescriptorsIntegrationTests extends IntegrationTest {

	@Test
	void everyPlatformDescribesItselfInTheAgreedShape() {
		var response = as("VIEWER").get("/api/v1/platforms");
		assertThat(response.status()).isEqualTo(200);
		var platforms = response.json();
		assertThat(types(platforms)).contains("bluesky", "discord", "feed", "mastodon", "telegram", "webhook");

		var mastodon = byType(platforms, "mastodon");
		assertThat(mastodon.get("displayName").asString()).isEqualTo("Mastodon");
		assertThat(mastodon.get("icon").asString()).isEqualTo("mastodon");
		assertThat(mastodon.has("iconSvg")).isTrue();
		assertThat(mastodon.at("/connect/kind").asString()).isEqualTo("token");
		var token = field(mastodon.at("/connect/fields"), "accessToken");
		assertThat(token.get("type").asString()).isEqualTo("password");
		assertThat(token.get("secret").asBoolean()).isTrue();
		assertThat(token.get("required").asBoolean()).isTrue();
		var visibility = field(mastodon.get("settings"), "visibility");
		assertThat(visibility.get("type").asString()).isEqualTo("enum");
		assertThat(visibility.get("default").asString()).isEqualTo("public");
		assertThat(visibility.get("options").toString()).contains("unlisted");
		assertThat(mastodon.at("/capabilities/text/maxLength").asInt()).isEqualTo(500);
		assertThat(mastodon.at("/capabilities/text/counting").asString()).isEqualTo("characters");
		assertThat(mastodon.at("/capabilities/text/urlLength").asInt()).isEqualTo(23);
		assertThat(mastodon.at("/capabilities/media/maxCount").asInt()).isEqualTo(4);
		assertThat(mastodon.at("/capabilities/media/maxAltTextLength").asInt()).isEqualTo(1500);
		assertThat(mastodon.at("/capabilities/idempotent").asBoolean()).isTrue();

		var bluesky = byType(platforms, "bluesky");
		assertThat(bluesky.at("/capabilities/text/counting").asString()).isEqualTo("graphemes");
		assertThat(bluesky.at("/capabilities/text/urlLength").isNull()).isTrue();
		assertThat(byType(platforms, "feed").at("/connect/kind").asString()).isEqualTo("none");
		assertThat(byType(platforms, "discord").at("/connect/kind").asString()).isEqualTo("webhook");
		for (var platform : platforms) {
			for (var key : List.of("type", "displayName", "icon", "connect", "settings", "capabilities")) {
				assertThat(platform.has(key)).as(platform.get("type") + " has " + key).isTrue();
			}
			for (var key : List.of("kinds", "minCount", "maxCount", "formats", "maxImageBytes", "maxImageEdge",
					"maxVideoBytes", "maxVideoSeconds", "minAspectRatio", "maxAspectRatio", "altText", "maxAltTextLength")) {
				assertThat(platform.at("/capabilities/media").has(key)).as(platform.get("type") + " media." + key).isTrue();
			}
			for (var key : List.of("requiresMedia", "threads", "replies", "aiLabel", "idempotent")) {
				assertThat(platform.get("capabilities").has(key)).as(platform.get("type") + " " + key).isTrue();
			}
		}
	}

	@Test
	void everyBackendTypeDescribesItsOptions() {
		var response = as("VIEWER").get("/api/v1/backend-types");
		assertThat(response.status()).isEqualTo(200);
		var types = response.json();
		assertThat(types(types)).contains("a1111", "comfyui", "espeak", "llamacpp", "ollama", "openai", "xtts");

		var comfy = byType(types, "comfyui");
		assertThat(comfy.get("displayName").asString()).isEqualTo("ComfyUI");
		assertThat(comfy.get("modalities").toString()).isEqualTo("[\"image\",\"video\"]");
		assertThat(comfy.get("local").asBoolean()).isFalse();
		assertThat(byType(types, "llamacpp").get("local").asBoolean()).isTrue();

		var binary = field(byType(types, "espeak").get("options"), "binary");
		assertThat(binary.get("type").asString()).isEqualTo("path");
		assertThat(binary.get("default").asString()).isEqualTo("espeak-ng");
		assertThat(binary.get("configFileOnly").asBoolean()).isTrue();
		assertThat(field(byType(types, "llamacpp").get("options"), "modelDir").get("configFileOnly").asBoolean()).isTrue();
		var flavour = field(byType(types, "xtts").get("options"), "flavour");
		assertThat(flavour.get("type").asString()).isEqualTo("enum");
		assertThat(flavour.get("options").toString()).contains("streaming-server");
		for (var option : field(byType(types, "ollama").get("options"), "model").properties()) {
			assertThat(option.getKey()).isIn("name", "label", "help", "type", "default", "required", "options", "secret",
					"configFileOnly");
		}
	}

	@Test
	void descriptorsNeedASignedInUser() {
		assertThat(anonymous.get("/api/v1/platforms").status()).isEqualTo(401);
		assertThat(anonymous.get("/api/v1/backend-types").status()).isEqualTo(401);
	}

	private static List<String> types(JsonNode array) {
		var types = new ArrayList<String>();
		array.forEach(node -> types.add(node.get("type").asString()));
		return types;
	}

	private static JsonNode byType(JsonNode array, String type) {
		for (var node : array) {
			if (node.get("type").asString().equals(type)) {
				return node;
			}
		}
		throw new AssertionError("no " + type + " in " + array);
	}

	private static JsonNode field(JsonNode array, String name) {
		for (var node : array) {
			if (node.get("name").asString().equals(name)) {
				return node;
			}
		}
		throw new AssertionError("no " + name + " in " + array);
	}
}
