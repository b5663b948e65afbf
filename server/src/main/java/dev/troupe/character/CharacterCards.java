package dev.troupe.character;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Reads and writes Character Cards (V1, V2 {@code chara_card_v2}, V3 {@code chara_card_v3}) as
 * JSON or as PNG with the card in tEXt chunks ({@code ccv3} preferred, {@code chara} as the
 * SillyTavern/V2 fallback). Stateless; all methods are static.
 */
public final class CharacterCards {

	public static final String SPEC_V2 = "chara_card_v2";
	public static final String SPEC_V3 = "chara_card_v3";

	/** The V1 fields; a flat object with any of them (and no spec) is read as a V1 card. */
	private static final Set<String> V1_FIELDS =
			Set.of("name", "description", "personality", "scenario", "first_mes", "mes_example");

	/** Optional card fields: written only when set, so an export never invents {@code null}s. */
	private static final Set<String> OMIT_WHEN_NULL = Set.of("character_book", "nickname",
			"creator_notes_multilingual", "source", "creation_date", "modification_date", "assets");

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private CharacterCards() {
	}

	/**
	 * A card read from a file.
	 *
	 * @param spec  {@code "v1"}, {@code "v2"} or {@code "v3"}: the card's own format
	 * @param image the PNG bytes when the input was a PNG card, else null
	 */
	public record ParsedCard(String name, Persona persona, String spec, byte[] image) {
	}

	/** Parses a card file: PNG (detected by its signature) or UTF-8 JSON. */
	public static ParsedCard parse(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw new CardFormatException("file", "The file is empty: expected a character card (.json or .png)");
		}
		if (CardChunks.isPng(bytes)) {
			return parseJson(cardJsonFromPng(bytes), bytes);
		}
		return parseJson(stripBom(new String(bytes, StandardCharsets.UTF_8)), null);
	}

	/** The card as pretty JSON {@code {spec, spec_version, data}}; {@code spec} is "v2" or "v3". */
	public static byte[] toJson(String name, Persona persona, String spec) {
		try {
			return MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(card(name, persona, spec));
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("Could not write character card JSON", e);
		}
	}

	/**
	 * The image with the card embedded as both {@code chara} (V2) and {@code ccv3} (V3) chunks,
	 * like SillyTavern, so V2-only readers still load it. A non-PNG image (e.g. a JPEG avatar) is
	 * converted first; a null image gets {@link #placeholderPng(String)}.
	 */
	public static byte[] toPng(byte[] image, String name, Persona persona) {
		byte[] png = image == null ? placeholderPng(name) : CardChunks.isPng(image) ? image : convertToPng(image);
		Map<String, String> chunks = new LinkedHashMap<>();
		chunks.put("chara", base64Json(card(name, persona, "v2")));
		chunks.put("ccv3", base64Json(card(name, persona, "v3")));
		return CardChunks.withTextChunks(png, chunks);
	}

	/**
	 * A 400x600 portrait for characters without an avatar: a soft colour derived from the name
	 * (stable across exports) with the name's initial in the middle.
	 */
	public static byte[] placeholderPng(String name) {
		String safeName = name == null ? "" : name.strip();
		float hue = (safeName.hashCode() & 0x7fffffff) % 360 / 360f;
		BufferedImage img = new BufferedImage(400, 600, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		try {
			g.setColor(Color.getHSBColor(hue, 0.22f, 0.93f));
			g.fillRect(0, 0, 400, 600);
			if (!safeName.isEmpty()) {
				// Fully qualified: this package has its own Character record.
				int initial = java.lang.Character.toUpperCase(safeName.codePointAt(0));
				drawInitial(g, new String(java.lang.Character.toChars(initial)), hue);
			}
		} finally {
			g.dispose();
		}
		return writePng(img);
	}

	// ---- reading ----------------------------------------------------------------------------

	private static String cardJsonFromPng(byte[] png) {
		Map<String, String> texts = CardChunks.readTextChunks(png);
		String keyword = texts.containsKey("ccv3") ? "ccv3" : "chara";
		String text = texts.get(keyword);
		if (text == null) {
			throw new CardFormatException("file", "The PNG has no character card: no 'chara' or 'ccv3' text chunk");
		}
		String trimmed = text.strip();
		// A few very old exporters stored the JSON itself instead of base64; accept it.
		if (trimmed.startsWith("{")) {
			return trimmed;
		}
		try {
			byte[] json = Base64.getDecoder().decode(trimmed.replaceAll("\\s+", ""));
			return stripBom(new String(json, StandardCharsets.UTF_8));
		} catch (IllegalArgumentException e) {
			throw new CardFormatException("file",
					"The PNG's '" + keyword + "' chunk is not valid base64: " + e.getMessage(), e);
		}
	}

	private static ParsedCard parseJson(String json, byte[] image) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		} catch (JsonProcessingException e) {
			throw notACard("the file is not valid JSON (" + e.getOriginalMessage() + ")");
		}
		if (root == null || !root.isObject()) {
			throw notACard("expected a JSON object");
		}
		JsonNode spec = root.get("spec");
		JsonNode data = root.get("data");
		if (spec != null && !spec.isNull()) {
			String version = switch (spec.asText()) {
				case SPEC_V3 -> "v3";
				case SPEC_V2 -> "v2";
				default -> throw notACard("unsupported spec '" + spec.asText() + "' (expected "
						+ SPEC_V2 + " or " + SPEC_V3 + ")");
			};
			if (data == null || !data.isObject()) {
				throw new CardFormatException("data", "The " + spec.asText() + " card has no 'data' object");
			}
			return toParsedCard((ObjectNode) data, "data.", version, image);
		}
		if (V1_FIELDS.stream().anyMatch(root::has)) {
			return toParsedCard((ObjectNode) root, "", "v1", image);
		}
		throw notACard("no 'spec' and none of the V1 fields (name, description, first_mes, ...)");
	}

	private static ParsedCard toParsedCard(ObjectNode data, String prefix, String version, byte[] image) {
		JsonNode nameNode = data.get("name");
		String name = nameNode != null && nameNode.isValueNode() && !nameNode.isNull() ? nameNode.asText().strip() : "";
		if (name.isEmpty()) {
			throw new CardFormatException(prefix + "name", "The character card has no name ('" + prefix + "name' is missing or blank)");
		}
		return new ParsedCard(name, Persona.fromTree(data, prefix), version, image);
	}

	private static CardFormatException notACard(String detail) {
		return new CardFormatException("file", "The file is not a character card: " + detail);
	}

	private static String stripBom(String s) {
		return s.startsWith("\uFEFF") ? s.substring(1) : s;
	}

	// ---- writing ----------------------------------------------------------------------------

	private static ObjectNode card(String name, Persona persona, String spec) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A character card needs a name");
		}
		boolean v3 = switch (spec) {
			case "v3" -> true;
			case "v2" -> false;
			default -> throw new IllegalArgumentException("spec must be v2 or v3, was " + spec);
		};
		ObjectNode fields = (persona == null ? Persona.empty() : persona).toTree();
		ObjectNode data = MAPPER.createObjectNode().put("name", name);
		fields.properties().forEach(e -> {
			String key = e.getKey();
			boolean dropV3 = !v3 && Persona.V3_FIELDS.contains(key);
			boolean dropNull = OMIT_WHEN_NULL.contains(key) && e.getValue().isNull();
			if (!dropV3 && !dropNull) {
				data.set(key, e.getValue());
			}
		});
		ObjectNode card = MAPPER.createObjectNode();
		card.put("spec", v3 ? SPEC_V3 : SPEC_V2);
		card.put("spec_version", v3 ? "3.0" : "2.0");
		card.set("data", data);
		return card;
	}

	private static String base64Json(ObjectNode card) {
		try {
			return Base64.getEncoder().encodeToString(MAPPER.writeValueAsBytes(card));
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("Could not write character card JSON", e);
		}
	}

	private static byte[] convertToPng(byte[] image) {
		BufferedImage img;
		try {
			img = dev.troupe.media.ImageDecoding.read(image);
		} catch (dev.troupe.media.ImageDecoding.TooLarge e) {
			throw new CardFormatException("image", "The avatar is too large: " + e.getMessage());
		} catch (IOException e) {
			img = null;
		}
		if (img == null) {
			throw new CardFormatException("image", "The avatar is not a readable image (PNG, JPEG, GIF or BMP)");
		}
		return writePng(img);
	}

	private static byte[] writePng(BufferedImage img) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(img, "png", out)) {
				throw new IllegalStateException("No PNG writer available");
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	private static void drawInitial(Graphics2D g, String initial, float hue) {
		try {
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.getHSBColor(hue, 0.45f, 0.45f));
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 240));
			FontMetrics fm = g.getFontMetrics();
			int x = (400 - fm.stringWidth(initial)) / 2;
			int y = (600 - fm.getHeight()) / 2 + fm.getAscent();
			g.drawString(initial, x, y);
		} catch (RuntimeException | LinkageError | InternalError e) {
			// Slim container images may ship without fonts/fontconfig; a plain colour is still a
			// valid placeholder, and failing the whole export over the letter would be worse.
		}
	}
}
