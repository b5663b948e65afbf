package dev.troupe.generation.backend.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A SillyTavern ComfyUI workflow, as its image-generation extension stores them, imports with no editing. */
class SillyTavernWorkflowsTests {

	/** Every placeholder SillyTavern fills, in a plain SD txt2img graph (API format), written for this test. */
	static final String ST_WORKFLOW = """
			{
			  "3": {"class_type": "KSampler", "inputs": {"seed": "%seed%", "steps": "%steps%", "cfg": "%scale%",
			        "sampler_name": "%sampler%", "scheduler": "%scheduler%", "denoise": "%denoise%",
			        "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
			  "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "%model%"}},
			  "5": {"class_type": "EmptyLatentImage", "inputs": {"width": "%width%", "height": "%height%", "batch_size": 1}},
			  "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "%prompt%", "clip": ["10", 0]}},
			  "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "%negative_prompt%", "clip": ["10", 0]}},
			  "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
			  "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "SillyTavern", "images": ["8", 0]}},
			  "10": {"class_type": "CLIPSetLastLayer", "inputs": {"stop_at_clip_layer": "%clip_skip%", "clip": ["4", 1]}},
			  "11": {"class_type": "LoadImage", "inputs": {"image": "%char_avatar%"}},
			  "12": {"class_type": "LoadImage", "inputs": {"image": "%user_avatar%"}}
			}""";

	@Test
	void everyPlaceholderBecomesABindingOrADefault() throws Exception {
		var template = WorkflowTemplate.parse(SillyTavernWorkflows.normalise(ST_WORKFLOW, "st-portrait"));
		assertThat(template.name()).isEqualTo("st-portrait");
		assertThat(template.bindings()).containsOnlyKeys("seed", "steps", "cfg", "denoise", "checkpoint", "width", "height",
				"prompt", "negative_prompt", "reference_image", "source_image");
		assertThat(template.bindings().get("cfg")).singleElement().isEqualTo(new WorkflowTemplate.Binding("3", "cfg", null, null));
		var workflow = template.workflow();
		assertThat(workflow.toString()).doesNotContain("%");
		assertThat(workflow.at("/3/inputs/sampler_name").asString()).isEqualTo("euler");
		assertThat(workflow.at("/3/inputs/seed").isIntegralNumber()).isTrue();
		assertThat(workflow.at("/10/inputs/stop_at_clip_layer").asInt()).isEqualTo(-1);
	}

	@Test
	void wrappedWorkflowsKeepTheirNameAndTroupeTemplatesAreUntouched() throws Exception {
		var wrapped = "{\"name\":\"st-wrapped\",\"modality\":\"IMAGE\",\"workflow\":" + ST_WORKFLOW + "}";
		assertThat(WorkflowTemplate.parse(SillyTavernWorkflows.normalise(wrapped, null)).bindings()).containsKey("prompt");
		var troupe = "{\"name\":\"t\",\"modality\":\"IMAGE\",\"bindings\":{},\"workflow\":{\"1\":{\"class_type\":\"X\",\"inputs\":{}}}}";
		assertThat(SillyTavernWorkflows.normalise(troupe, null)).isSameAs(troupe);
	}

	@Test
	void problemsNameTheField() {
		assertThatThrownBy(() -> SillyTavernWorkflows.normalise(ST_WORKFLOW, null))
			.isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.field()).isEqualTo("name"));
		var unknown = ST_WORKFLOW.replace("\"%sampler%\"", "\"%vae%\"");
		assertThatThrownBy(() -> SillyTavernWorkflows.normalise(unknown, "x"))
			.isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.field()).isEqualTo("workflow.3.inputs.sampler_name"));
		var embedded = ST_WORKFLOW.replace("\"%prompt%\"", "\"masterpiece, %prompt%\"");
		assertThatThrownBy(() -> SillyTavernWorkflows.normalise(embedded, "x"))
			.isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.reason()).contains("whole value"));
	}
}
