package dev.troupe.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.support.Api;
import dev.troupe.support.IntegrationTest;

/**
 * Options that name a program to run or a directory to write come from the configuration file only.
 */
class BackendOptionsIntegrationTests extends IntegrationTest {

	@Test
	void anEspeakExecutableCannotBeSetThroughTheApi() {
		var id = "tts-" + UUID.randomUUID().toString().substring(0, 8);
		assertField(owner.post("/api/v1/backends",
				Map.of("id", id, "type", "espeak", "options", Map.of("binary", "/bin/sh", "voice", "en"))), "options.binary");
		assertThat(owner.get("/api/v1/backends").text()).doesNotContain(id);

		var created = owner.post("/api/v1/backends", Map.of("id", id, "type", "espeak", "options", Map.of("voice", "en")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertField(owner.patch("/api/v1/backends/" + id, Map.of("options", Map.of("binary", "/tmp/evil"))),
				"options.binary");
		assertThat(owner.get("/api/v1/backends").text()).doesNotContain("/tmp/evil");
	}

	@Test
	void aLlamaCppModelDirectoryCannotBeSetThroughTheApi() {
		var id = "llm-" + UUID.randomUUID().toString().substring(0, 8);
		assertField(owner.post("/api/v1/backends", Map.of("id", id, "type", "llamacpp", "options",
				Map.of("model", "https://models.example/x.gguf", "sha256", "00", "modelDir", "/etc"))), "options.modelDir");
	}

	private static void assertField(Api.Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text()).contains("\"field\":\"" + field + "\"").contains("configuration file");
	}
}
