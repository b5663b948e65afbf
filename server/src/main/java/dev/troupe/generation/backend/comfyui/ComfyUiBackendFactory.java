package dev.troupe.generation.backend.comfyui;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.generation.spi.BackendTypeDescriptor.Option;
import dev.troupe.generation.spi.BackendTypeDescriptor.OptionType;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import dev.troupe.generation.spi.Modality;

/** Makes {@link ComfyUiBackend}s for backends of type {@code comfyui}. */
@Component
public class ComfyUiBackendFactory implements GenerationBackendFactory {

	static final BackendTypeDescriptor DESCRIPTOR = new BackendTypeDescriptor("comfyui", "ComfyUI", Set.of(Modality.IMAGE, Modality.VIDEO), false, List.of(
			Option.of("templates", "Workflow templates", OptionType.TEXT, "sdxl-txt2img", "Comma-separated template names this server can run."),
			Option.of("checkpoint", "Checkpoint", OptionType.TEXT, null, "Model file that replaces the template's checkpoint."),
			Option.of("requestTimeoutSeconds", "Request timeout (s)", OptionType.INTEGER, "30", "How long one HTTP call may take."),
			Option.of("pollSeconds", "Progress poll (s)", OptionType.TEXT, "5", "How often history is read when the WebSocket is down."),
			Option.choice("faceCheck", "Face check", "off", List.of("off", "on", "only"), "Score each image's face against the "
					+ "character's references with the ComfyUI_FaceAnalysis nodes (FaceEmbedDistance) and core PreviewAny; "
					+ "'only' uses this server for face checks and no generation jobs."),
			Option.choice("faceLibrary", "Face library", "insightface", List.of("insightface", "dlib"), "FaceAnalysisModels' library."),
			Option.choice("faceProvider", "Face provider", "CPU", List.of("CPU", "CUDA", "DirectML", "OpenVINO", "ROCM", "CoreML"),
					"FaceAnalysisModels' provider.")));

	private final WorkflowTemplates templates;

	public ComfyUiBackendFactory(WorkflowTemplates templates) {
		this.templates = templates;
	}

	@Override
	public BackendTypeDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new ComfyUiBackend(config, templates);
	}
}
