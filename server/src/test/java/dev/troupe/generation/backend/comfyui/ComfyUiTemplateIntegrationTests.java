package dev.troupe.generation.backend.comfyui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ComfyUiTemplateIntegrationTests extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void ownersImportTemplatesThatAreCheckedFirst() throws IOException {
		assertThat(owner.get("/api/v1/comfyui/templates").text()).contains("sdxl-txt2img").contains("\"shipped\"");

		var template = (ObjectNode) JSON.readTree(shipped("sdxl-txt2img"));
		template.put("name", "my-portrait").put("description", "Our studio portrait workflow");
		var imported = owner.post("/api/v1/comfyui/templates", template.toString());
		assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
		assertThat(imported.json().get("source").asString()).isEqualTo("imported");
		assertThat(imported.json().get("bindings").toString()).contains("prompt");
		assertThat(as("VIEWER").get("/api/v1/comfyui/templates").text()).contains("my-portrait");
		assertThat(as("EDITOR").post("/api/v1/comfyui/templates", template.toString()).status()).isEqualTo(403);

		var uiFormat = "{\"name\":\"ui\",\"modality\":\"IMAGE\",\"bindings\":{},\"workflow\":{\"nodes\":[],\"links\":[]}}";
		var refused = owner.post("/api/v1/comfyui/templates", uiFormat);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("detail").asString()).contains("API Format");

		var broken = template.deepCopy();
		broken.put("name", "broken");
		((ObjectNode) broken.get("bindings")).putArray("prompt").addObject().put("node", "999").put("input", "text");
		var missingNode = owner.post("/api/v1/comfyui/templates", broken.toString());
		assertThat(missingNode.status()).isEqualTo(400);
		assertThat(missingNode.json().get("detail").asString()).contains("999");

		var shippedName = template.deepCopy().put("name", "sdxl-txt2img");
		assertThat(owner.post("/api/v1/comfyui/templates", shippedName.toString()).status()).isEqualTo(400);

		assertThat(owner.delete("/api/v1/comfyui/templates/sdxl-txt2img").status()).isEqualTo(409);
		assertThat(owner.delete("/api/v1/comfyui/templates/my-portrait").status()).isEqualTo(204);
		assertThat(owner.get("/api/v1/comfyui/templates").text()).doesNotContain("my-portrait");
	}

	private static String shipped(String name) throws IOException {
		try (var in = ComfyUiTemplateIntegrationTests.class.getResourceAsStream("/comfyui/templates/" + name + ".json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
