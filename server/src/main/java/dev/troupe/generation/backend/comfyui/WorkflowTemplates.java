package dev.troupe.generation.backend.comfyui;

import java.util.List;
import java.util.Optional;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.ImageTask;
import dev.troupe.generation.spi.GenerationTask.VideoTask;

/** The workflow templates ComfyUI backends can run: the shipped ones plus those owners imported. */
public interface WorkflowTemplates {

	Optional<WorkflowTemplate> find(String name);

	List<WorkflowTemplate> all();

	/** Adds (or replaces) an imported template; shipped names cannot be replaced. */
	void register(WorkflowTemplate template) throws TemplateException;

	/**
	 * The template for a task: the one it names, else the default for its face method (images) or for whether it
	 * has a source image (video).
	 */
	default WorkflowTemplate forTask(GenerationTask task) throws BackendException {
		String name;
		if (task instanceof ImageTask image && image.template() != null && !image.template().isBlank()) {
			name = image.template();
		}
		else if (task instanceof VideoTask video && video.template() != null && !video.template().isBlank()) {
			name = video.template();
		}
		else if (task instanceof ImageTask image) {
			var method = image.faceMethod() == null || image.faceMethod().isBlank() ? "NONE" : image.faceMethod();
			name = switch (method) {
				case "NONE" -> image.initImage() != null ? "sdxl-img2img" : "sdxl-txt2img";
				case "IP_ADAPTER_FACEID" -> "sdxl-ipadapter-faceid";
				case "INSTANTID" -> "sdxl-instantid";
				case "PULID" -> "sdxl-pulid";
				default -> throw new BackendException(Kind.REJECTED_INPUT, "Unknown face method '" + method
						+ "' (use NONE, IP_ADAPTER_FACEID, INSTANTID or PULID)");
			};
		}
		else if (task instanceof VideoTask video) {
			name = video.source() != null ? "svd-img2vid" : "animatediff-txt2vid";
		}
		else {
			throw new BackendException(Kind.REJECTED_INPUT, "ComfyUI makes images and videos, not " + task.modality());
		}
		var template = find(name).orElseThrow(() -> new BackendException(Kind.REJECTED_INPUT, "Unknown workflow template '"
				+ name + "' (known: " + String.join(", ", all().stream().map(WorkflowTemplate::name).toList()) + ")"));
		if (template.modality() != task.modality()) {
			throw new BackendException(Kind.REJECTED_INPUT, "Workflow template '" + name + "' makes "
					+ template.modality() + ", but this is a " + task.modality() + " job");
		}
		return template;
	}
}
