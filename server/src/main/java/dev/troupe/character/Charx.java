package dev.troupe.character;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Character Card V3 CHARX files: a zip with {@code card.json} at its root and the files its {@code assets} name
 * with {@code embeded://path} URIs (the spec's spelling). On import the files come back by path; Troupe stores
 * them as media and points the asset at {@code troupe://media/<id>}. On export those are embedded again.
 */
final class Charx {

	static final String EMBEDDED = "embeded://";
	static final String MEDIA = "troupe://media/";
	private static final long MAX_TOTAL = 64L * 1024 * 1024;
	private static final int MAX_ENTRIES = 2000;
	private static final ObjectMapper MAPPER = new ObjectMapper();

	private Charx() {
	}

	static boolean isCharx(byte[] bytes) {
		return bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
	}

	/** The zip's files by path; {@code card.json} must be there. Size and count are capped (zip bombs). */
	static Map<String, byte[]> read(byte[] zip) {
		var files = new LinkedHashMap<String, byte[]>();
		long total = 0;
		try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				if (entry.isDirectory()) {
					continue;
				}
				if (files.size() >= MAX_ENTRIES) {
					throw new CardFormatException("file", "The CHARX file has more than " + MAX_ENTRIES + " files");
				}
				var out = new ByteArrayOutputStream();
				var buffer = new byte[8192];
				int n;
				while ((n = in.read(buffer)) > 0) {
					total += n;
					if (total > MAX_TOTAL) {
						throw new CardFormatException("file", "The CHARX file unpacks to more than 64 MB");
					}
					out.write(buffer, 0, n);
				}
				files.put(entry.getName().replace('\\', '/').replaceFirst("^/+", ""), out.toByteArray());
			}
		}
		catch (IOException e) {
			throw new CardFormatException("file", "The CHARX file is not a readable zip: " + e.getMessage(), e);
		}
		if (!files.containsKey("card.json")) {
			throw new CardFormatException("file", "The CHARX file has no card.json at its root");
		}
		return files;
	}

	/** The avatar: the {@code icon} asset named {@code main} (or the first icon) that is embedded. */
	static byte[] icon(JsonNode assets, Map<String, byte[]> files) {
		byte[] first = null;
		for (var asset : assets == null ? MAPPER.createArrayNode() : assets) {
			var uri = asset.path("uri").asText("");
			if (asset.path("type").asText("").equals("icon") && uri.startsWith(EMBEDDED) && files.containsKey(uri.substring(EMBEDDED.length()))) {
				var bytes = files.get(uri.substring(EMBEDDED.length()));
				if (asset.path("name").asText("").equals("main")) {
					return bytes;
				}
				first = first == null ? bytes : first;
			}
		}
		return first;
	}

	/**
	 * A CHARX of the card: assets stored in Troupe ({@code troupe://media/…}) are embedded under
	 * {@code assets/<type>/<name>.<ext>}; the avatar is the main icon when the card has none.
	 */
	static byte[] write(ObjectNode card, Function<String, byte[]> mediaBytes, byte[] avatar) {
		var data = (ObjectNode) card.get("data");
		var assets = data.get("assets") instanceof ArrayNode a ? a : data.putArray("assets");
		var files = new LinkedHashMap<String, byte[]>();
		var hasIcon = false;
		int i = 0;
		for (var node : assets) {
			var asset = (ObjectNode) node;
			var uri = asset.path("uri").asText("");
			hasIcon |= asset.path("type").asText("").equals("icon");
			if (uri.startsWith(MEDIA)) {
				var ext = asset.path("ext").asText("bin").replaceAll("[^A-Za-z0-9]", "");
				var name = asset.path("name").asText("asset").replaceAll("[^A-Za-z0-9_-]", "_");
				var path = "assets/" + asset.path("type").asText("other").replaceAll("[^A-Za-z0-9_-]", "_") + "/" + (i++) + "-" + name + "." + ext;
				files.put(path, mediaBytes.apply(uri.substring(MEDIA.length())));
				asset.put("uri", EMBEDDED + path);
			}
		}
		if (!hasIcon && avatar != null) {
			files.put("assets/icon/images/main.png", avatar);
			assets.addObject().put("type", "icon").put("uri", EMBEDDED + "assets/icon/images/main.png").put("name", "main")
				.put("ext", "png");
		}
		var out = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("card.json"));
			zip.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(card).getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			for (var file : files.entrySet()) {
				zip.putNextEntry(new ZipEntry(file.getKey()));
				zip.write(file.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}
}
