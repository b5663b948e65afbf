package dev.troupe.generation.backend.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.ImageTask;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import dev.troupe.generation.spi.GenerationTask.Lora;
import dev.troupe.generation.spi.GenerationTask.VideoTask;
import dev.troupe.generation.spi.Modality;
import tools.jackson.databind.JsonNode;

class ComfyUiWorkflowTemplateTests {

	static final ShippedTemplates TEMPLATES = new ShippedTemplates();
	static final InputFile FACE = new InputFile("face.png", new byte[] { (byte) 0x89, 'P', 'N', 'G' });
	static final Map<String, String> UPLOADS = Map.of("reference_image", "ref (1).png", "source_image", "src.png");

	static List<String> shipped() {
		return ShippedTemplates.NAMES;
	}

	@ParameterizedTest
	@MethodSource("shipped")
	void everyShippedTemplateParsesAndFillsIntoAConnectedGraph(String name) throws Exception {
		var template = TEMPLATES.find(name).orElseThrow();
		var task = template.modality() == Modality.IMAGE
				? new ImageTask(UUID.randomUUID(), "Mira", "ugly", 896, 1152, 28, 5.0, 99, 2, "ckpt.safetensors",
						List.of(new Lora("mira.safetensors", 0.75)), "NONE", List.of(FACE),
						name.contains("img2img") ? FACE : null, 0.55, name)
				: new VideoTask(UUID.randomUUID(), "Mira waves", "ugly", name.startsWith("svd") ? FACE : null, 768, 768, 24,
						12, 18, 99, "ckpt.safetensors", List.of(), name);

		var prompt = template.fill(task, UPLOADS);

		for (var binding : template.bindings().entrySet()) {
			for (var b : binding.getValue()) {
				if (!binding.getKey().equals("lora") || prompt.has(b.node())) {
					assertThat(prompt.path(b.node()).path("inputs").has(b.input())).as(binding.getKey()).isTrue();
				}
			}
		}
		assertThat(prompt.toString()).doesNotContain("lora-2.safetensors");
		prompt.properties().forEach(node -> node.getValue().path("inputs").properties().forEach(input -> {
			if (input.getValue().isArray()) {
				assertThat(prompt.has(input.getValue().get(0).asString()))
						.as("node %s input %s links to an existing node", node.getKey(), input.getKey()).isTrue();
			}
		}));
		assertThat(values(prompt, template, "seed")).allMatch(v -> v.asLong() == 99);
		assertThat(values(prompt, template, "checkpoint")).allMatch(v -> v.asString().equals("ckpt.safetensors"));
		if (template.bindings().containsKey("reference_image")) {
			assertThat(values(prompt, template, "reference_image")).allMatch(v -> v.asString().equals("ref (1).png"));
		}
		if (template.bindings().containsKey("source_image")) {
			assertThat(values(prompt, template, "source_image")).allMatch(v -> v.asString().equals("src.png"));
		}
		if (template.modality() == Modality.VIDEO) {
			assertThat(values(prompt, template, "frames")).allMatch(v -> v.asInt() == 24);
			assertThat(values(prompt, template, "fps")).allMatch(v -> v.asInt() == 12);
		}
		else {
			assertThat(values(prompt, template, "prompt")).allMatch(v -> v.asString().equals("Mira"));
			assertThat(values(prompt, template, "cfg")).allMatch(v -> v.asDouble() == 5.0);
		}
		assertThat(template.sha256()).hasSize(64);
	}

	private static List<JsonNode> values(JsonNode prompt, WorkflowTemplate template, String binding) {
		return template.bindings().getOrDefault(binding, List.of()).stream()
				.map(b -> prompt.path(b.node()).path("inputs").path(b.input())).toList();
	}

	@Test
	void theTemplateIsChosenByNameFaceMethodOrVideoSource() throws Exception {
		assertThat(TEMPLATES.forTask(image("NONE", null)).name()).isEqualTo("sdxl-txt2img");
		assertThat(TEMPLATES.forTask(image("IP_ADAPTER_FACEID", null)).name()).isEqualTo("sdxl-ipadapter-faceid");
		assertThat(TEMPLATES.forTask(image("INSTANTID", null)).name()).isEqualTo("sdxl-instantid");
		assertThat(TEMPLATES.forTask(image("PULID", null)).name()).isEqualTo("sdxl-pulid");
		assertThat(TEMPLATES.forTask(image("PULID", "sdxl-txt2img")).name()).isEqualTo("sdxl-txt2img");
		assertThat(TEMPLATES.forTask(video(FACE)).name()).isEqualTo("svd-img2vid");
		assertThat(TEMPLATES.forTask(video(null)).name()).isEqualTo("animatediff-txt2vid");
		assertThatThrownBy(() -> TEMPLATES.forTask(image("NONE", "nope"))).isInstanceOfSatisfying(BackendException.class,
				e -> assertThat(e.getMessage()).contains("Unknown workflow template 'nope'").contains("sdxl-txt2img"));
		assertThatThrownBy(() -> TEMPLATES.forTask(image("NONE", "svd-img2vid"))).isInstanceOfSatisfying(BackendException.class,
				e -> assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT));
	}

	@Test
	void loraSlotsAreFilledInOrderAndTooManyLorasAreRefused() throws Exception {
		var template = TEMPLATES.find("sdxl-txt2img").orElseThrow();
		var two = withLoras(List.of(new Lora("a.safetensors", 0.5), new Lora("b.safetensors", 0.9)));
		var prompt = template.fill(two, Map.of());
		assertThat(prompt.path("2").path("inputs").path("lora_name").asString()).isEqualTo("a.safetensors");
		assertThat(prompt.path("3").path("inputs").path("strength_clip").asDouble()).isEqualTo(0.9);

		var none = template.fill(withLoras(List.of()), Map.of());
		assertThat(none.has("2")).isFalse();
		assertThat(none.has("3")).isFalse();
		assertThat(none.path("7").path("inputs").path("model").toString()).isEqualTo("[\"1\",0]");
		assertThat(none.path("4").path("inputs").path("clip").toString()).isEqualTo("[\"1\",1]");

		var three = withLoras(List.of(new Lora("a", 1), new Lora("b", 1), new Lora("c", 1)));
		assertThatThrownBy(() -> template.fill(three, Map.of())).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
			assertThat(e.getMessage()).contains("supports 2 LoRAs");
		});
	}

	@Test
	void aFaceTemplateWithoutAReferenceIsRefused() {
		var template = TEMPLATES.find("sdxl-pulid").orElseThrow();
		assertThatThrownBy(() -> template.fill(image("PULID", null), Map.of()))
				.isInstanceOfSatisfying(BackendException.class, e -> {
					assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
					assertThat(e.getMessage()).contains("sdxl-pulid").contains("reference image");
				});
	}

	@Test
	void aUiFormatExportIsRefusedWithTheFix() {
		var ui = """
				{"last_node_id": 9, "last_link_id": 9, "nodes": [{"id": 3, "type": "KSampler", "widgets_values": [1, "fixed"]}],
				 "links": [[1, 4, 0, 3, 0, "MODEL"]], "groups": [], "version": 0.4}""";
		assertThatThrownBy(() -> WorkflowTemplate.parse(ui)).isInstanceOfSatisfying(TemplateException.class,
				e -> assertThat(e.reason()).isEqualTo(
						"This is a UI-format workflow: in ComfyUI enable dev mode and use 'Save (API Format)'"));
		var wrapped = "{\"name\":\"x\",\"modality\":\"IMAGE\",\"workflow\":" + ui + "}";
		assertThatThrownBy(() -> WorkflowTemplate.parse(wrapped)).isInstanceOfSatisfying(TemplateException.class, e -> {
			assertThat(e.field()).isEqualTo("workflow");
			assertThat(e.reason()).contains("Save (API Format)");
		});
	}

	@Test
	void bindingsMustPointAtExistingNodesAndInputs() {
		var workflow = """
				{"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
				 "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["1", 1]}}}""";
		assertThatThrownBy(() -> WorkflowTemplate.parse(template("{\"prompt\": {\"node\": \"6\", \"input\": \"text\"}}", workflow)))
				.isInstanceOfSatisfying(TemplateException.class, e -> {
					assertThat(e.field()).isEqualTo("bindings.prompt[0]");
					assertThat(e.reason()).contains("node 6").contains("not in the workflow");
				});
		assertThatThrownBy(() -> WorkflowTemplate.parse(template("{\"prompt\": [{\"node\": \"2\", \"input\": \"txt\"}]}", workflow)))
				.isInstanceOfSatisfying(TemplateException.class,
						e -> assertThat(e.getMessage()).contains("bindings.prompt[0]").contains("'txt'").contains("node 2 (CLIPTextEncode)"));
		assertThatThrownBy(() -> WorkflowTemplate.parse(template("{\"promt\": []}", workflow)))
				.isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.field()).isEqualTo("bindings.promt"));
		assertThatThrownBy(() -> WorkflowTemplate.parse(template("{}", "{\"1\": {\"inputs\": {}}}")))
				.isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.field()).isEqualTo("workflow.1"));
		assertThatThrownBy(() -> WorkflowTemplate.parse(template("{}", "{\"1\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"vae\": [\"5\", 2]}}}")))
				.isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.reason()).contains("links to node 5"));
		assertThatThrownBy(() -> WorkflowTemplate.parse("not json")).isInstanceOf(TemplateException.class);
	}

	@Test
	void importedTemplatesAreFoundButCannotShadowShippedOnes() throws Exception {
		var registry = new ShippedTemplates();
		var workflow = """
				{"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}}}""";
		var custom = WorkflowTemplate.parse(template("{}", workflow).replace("\"custom\"", "\"my-flow\""));
		registry.register(custom);
		assertThat(registry.find("my-flow")).containsSame(custom);
		var clash = WorkflowTemplate.parse(template("{}", workflow).replace("\"custom\"", "\"sdxl-txt2img\""));
		assertThatThrownBy(() -> registry.register(clash)).isInstanceOf(TemplateException.class);
	}

	@Test
	void theHashIgnoresKeyOrderAndWhitespace() throws Exception {
		var a = WorkflowTemplate.parse(template("{}", "{\"1\": {\"class_type\": \"A\", \"inputs\": {\"x\": 1, \"y\": 2}}}"));
		var b = WorkflowTemplate.parse(template("{}", "{\"1\":{\"inputs\":{\"y\":2,\"x\":1},\"class_type\":\"A\"}}"));
		var c = WorkflowTemplate.parse(template("{}", "{\"1\":{\"inputs\":{\"y\":3,\"x\":1},\"class_type\":\"A\"}}"));
		assertThat(a.sha256()).isEqualTo(b.sha256()).isNotEqualTo(c.sha256());
	}

	private static String template(String bindings, String workflow) {
		return "{\"name\":\"custom\",\"modality\":\"IMAGE\",\"bindings\":" + bindings + ",\"workflow\":" + workflow + "}";
	}

	private static ImageTask image(String faceMethod, String template) {
		return new ImageTask(UUID.randomUUID(), "Mira", null, 0, 0, 0, 0, 1, 1, null, List.of(), faceMethod, List.of(), null,
				0, template);
	}

	private static GenerationTask withLoras(List<Lora> loras) {
		return new ImageTask(UUID.randomUUID(), "Mira", null, 0, 0, 0, 0, 1, 1, null, loras, "NONE", List.of(), null, 0, null);
	}

	private static VideoTask video(InputFile source) {
		return new VideoTask(UUID.randomUUID(), "Mira", null, source, 0, 0, 0, 0, 0, 1, null, List.of(), null);
	}
}
