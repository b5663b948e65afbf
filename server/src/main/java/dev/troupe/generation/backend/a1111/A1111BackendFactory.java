package dev.troupe.generation.backend.a1111;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapters of type {@code a1111}: AUTOMATIC1111 stable-diffusion-webui started with {@code --api}.
 * Options: {@code sampler}, {@code scheduler}, {@code faceWeight}, {@code faceIdModule}, {@code faceIdModel},
 * {@code instantIdEmbeddingModel}, {@code instantIdKeypointsModel}, {@code pulidModel}, {@code pollIntervalMs};
 * the API key, when set, is the {@code --api-auth} "user:password".
 */
@Component
class A1111BackendFactory implements GenerationBackendFactory {

	static final BackendTypeDescriptor DESCRIPTOR = new BackendTypeDescriptor("a1111", "AUTOMATIC1111", Set.of(Modality.IMAGE), false, List.of(
			Option.of("sampler", "Sampler", OptionType.TEXT, null, "Sampler name, e.g. DPM++ 2M; the web UI's default when empty."),
			Option.of("scheduler", "Scheduler", OptionType.TEXT, null, "e.g. Karras; the web UI's default when empty."),
			Option.of("faceWeight", "Face weight", OptionType.TEXT, "1.0", "ControlNet weight of the face reference."),
			Option.of("faceIdModule", "FaceID module", OptionType.TEXT, "ip-adapter_face_id_plus", "ControlNet preprocessor for IP-Adapter FaceID."),
			Option.of("faceIdModel", "FaceID model", OptionType.TEXT, "ip-adapter-faceid-plusv2_sd15", "ControlNet model for IP-Adapter FaceID."),
			Option.of("instantIdEmbeddingModel", "InstantID embedding model", OptionType.TEXT, "ip-adapter_instant_id_sdxl", "ControlNet model of InstantID's face embedding."),
			Option.of("instantIdKeypointsModel", "InstantID keypoints model", OptionType.TEXT, "control_instant_id_sdxl", "ControlNet model of InstantID's keypoints."),
			Option.of("pulidModel", "PuLID model", OptionType.TEXT, "ip-adapter_pulid_sdxl_fp16", "ControlNet model for PuLID."),
			Option.of("pollIntervalMs", "Progress poll (ms)", OptionType.INTEGER, "250", "How often progress is read.")));

	private final JsonMapper json;

	A1111BackendFactory(JsonMapper json) {
		this.json = json;
	}

	@Override
	public BackendTypeDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new A1111Backend(config, json);
	}
}
