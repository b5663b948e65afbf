package dev.troupe.generation.backend.llamacpp;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.generation.spi.BackendTypeDescriptor.Option;
import dev.troupe.generation.spi.BackendTypeDescriptor.OptionType;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import dev.troupe.generation.spi.Modality;

/** Creates embedded llama.cpp backends; downloaded models go to {@code <troupe.data-dir>/models} by default. */
@Component
class LlamaCppBackendFactory implements GenerationBackendFactory {

	static final BackendTypeDescriptor DESCRIPTOR = new BackendTypeDescriptor(LlamaCppBackend.TYPE, "llama.cpp", Set.of(Modality.TEXT), true, List.of(
			new Option("model", "Model", "Path or http(s) URL of the .gguf model file.", OptionType.TEXT, null, true, List.of(), false, false),
			Option.of("sha256", "SHA-256", OptionType.TEXT, null, "Checksum of a downloaded model; the download fails on a mismatch."),
			Option.of("modelDir", "Model folder", OptionType.PATH, null, "Where downloaded models go (default <data-dir>/models).").onlyInConfigFile(),
			Option.of("contextSize", "Context size", OptionType.INTEGER, "2048", "Tokens of context."),
			Option.of("threads", "Threads", OptionType.INTEGER, null, "CPU threads; llama.cpp's choice when empty."),
			Option.of("verbose", "Verbose", OptionType.BOOLEAN, "false", "llama.cpp's own log output.")));

	private final Path modelDir;

	private final ModelDownloader downloader;

	LlamaCppBackendFactory(@Value("${troupe.data-dir:./data}") Path dataDir) {
		this.modelDir = dataDir.resolve("models");
		// Model hosts (Hugging Face) redirect to a CDN.
		this.downloader = new ModelDownloader(HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(10))
			.build());
	}

	@Override
	public BackendTypeDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new LlamaCppBackend(config, modelDir, downloader);
	}

	/** {@code modelDir} is where Troupe writes downloaded files. */
	@Override
	public java.util.Set<String> configFileOnlyOptions() {
		return java.util.Set.of("modelDir");
	}
}
