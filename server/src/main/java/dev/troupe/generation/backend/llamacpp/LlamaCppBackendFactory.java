package dev.troupe.generation.backend.llamacpp;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;

/** Creates embedded llama.cpp backends; downloaded models go to {@code <troupe.data-dir>/models} by default. */
@Component
class LlamaCppBackendFactory implements GenerationBackendFactory {

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
	public String type() {
		return LlamaCppBackend.TYPE;
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
