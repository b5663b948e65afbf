package dev.troupe.generation.backend.llamacpp;

import java.net.URI;
import java.nio.file.Path;

import dev.troupe.generation.spi.BackendConfig;

/**
 * Where a backend's GGUF model comes from: option {@code model} (a local path or an http(s) URL) or, when that
 * is absent, a {@code file:} base URL. {@code configured} is the setting exactly as written, so error messages
 * quote what the user typed. {@code url} is null for local files; {@code file} is where the model lives (for a
 * URL: inside {@code modelDir}, named after the URL's last path segment).
 */
record ModelSource(String configured, URI url, String sha256, Path file) {

	static ModelSource of(BackendConfig config, Path defaultModelDir) {
		var model = config.option("model", null);
		if (model == null && config.baseUrl() != null && "file".equals(config.baseUrl().getScheme())) {
			return new ModelSource(config.baseUrl().toString(), null, null, Path.of(config.baseUrl()));
		}
		if (model == null) {
			return new ModelSource(null, null, null, null);
		}
		if (model.startsWith("http://") || model.startsWith("https://")) {
			var url = URI.create(model);
			var dir = Path.of(config.option("modelDir", defaultModelDir.toString()));
			return new ModelSource(model, url, config.option("sha256", null), dir.resolve(fileName(url)));
		}
		return new ModelSource(model, null, null, model.startsWith("file:") ? Path.of(URI.create(model)) : Path.of(model));
	}

	boolean configuredAtAll() {
		return configured != null;
	}

	boolean remote() {
		return url != null;
	}

	/** The setting and, when they differ, the file it points to: "https://…/x.gguf (/data/models/x.gguf)". */
	String describe() {
		return file == null || configured.equals(file.toString()) ? configured : configured + " (" + file + ")";
	}

	private static String fileName(URI url) {
		var path = url.getPath() == null ? "" : url.getPath();
		var name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
		return name.isBlank() || name.startsWith(".") ? "model.gguf" : name;
	}
}
