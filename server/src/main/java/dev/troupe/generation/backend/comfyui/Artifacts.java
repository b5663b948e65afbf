package dev.troupe.generation.backend.comfyui;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.troupe.generation.spi.Artifact;
import dev.troupe.generation.spi.BackendException;
import tools.jackson.databind.JsonNode;

/** Collects the files a finished prompt saved and names their content types from the bytes. */
final class Artifacts {

	/** The keys under which output nodes list their files: SaveImage/SaveAnimatedWEBP, VHS_VideoCombine, video nodes. */
	private static final List<String> FILE_LISTS = List.of("images", "gifs", "videos");

	private Artifacts() {
	}

	/**
	 * Downloads every saved file of a history entry's {@code outputs}. Files of type {@code temp} (PreviewImage)
	 * are only taken when nothing was saved for real, so a preview node left in a workflow does not add stray images.
	 */
	static List<Artifact> download(ComfyUiClient client, JsonNode outputs) throws BackendException {
		var saved = new ArrayList<JsonNode>();
		var temporary = new ArrayList<JsonNode>();
		for (var node : outputs.properties()) {
			for (var list : FILE_LISTS) {
				for (var file : node.getValue().path(list)) {
					if (file.hasNonNull("filename")) {
						(file.path("type").asString("output").equals("temp") ? temporary : saved).add(file);
					}
				}
			}
		}
		var artifacts = new ArrayList<Artifact>();
		for (var file : saved.isEmpty() ? temporary : saved) {
			var name = file.path("filename").asString();
			var bytes = client.view(name, file.path("subfolder").asString(""), file.path("type").asString("output"));
			artifacts.add(new Artifact(bytes, contentType(bytes, name), name));
		}
		return artifacts;
	}

	/** Magic numbers first (the server's own Content-Type is often generic), then the file extension. */
	static String contentType(byte[] b, String filename) {
		if (startsWith(b, 0, 0x89, 'P', 'N', 'G')) {
			return "image/png";
		}
		if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
			return "image/jpeg";
		}
		if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
			return "image/gif";
		}
		if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
			return "image/webp";
		}
		if (startsWith(b, 4, 'f', 't', 'y', 'p')) {
			var brand = b.length >= 12 ? new String(b, 8, 4, StandardCharsets.ISO_8859_1) : "";
			return brand.startsWith("qt") ? "video/quicktime" : "video/mp4";
		}
		if (startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
			return filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".mkv") ? "video/x-matroska" : "video/webm";
		}
		var name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
		if (name.endsWith(".mp4")) {
			return "video/mp4";
		}
		if (name.endsWith(".webm")) {
			return "video/webm";
		}
		return "application/octet-stream";
	}

	private static boolean startsWith(byte[] bytes, int offset, int... magic) {
		if (bytes == null || bytes.length < offset + magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((bytes[offset + i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}
}
