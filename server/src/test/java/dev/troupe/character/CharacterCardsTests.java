package dev.troupe.character;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.character.CharacterCards.ParsedCard;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CharacterCardsTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	static byte[] resource(String name) {
		try (InputStream in = CharacterCardsTests.class.getResourceAsStream("/cards/" + name)) {
			assertThat(in).as("test resource %s", name).isNotNull();
			return in.readAllBytes();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String b64(String json) {
		return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] pngWith(Map<String, String> chunks) {
		return CardChunks.withTextChunks(CardChunksTests.plainPng(8, 8), chunks);
	}

	/** What a V2 export keeps of a persona: the V3-only fields are gone. */
	private static Persona v2Only(Persona p) {
		return new Persona(p.description(), p.personality(), p.scenario(), p.firstMes(), p.mesExample(),
				p.systemPrompt(), p.postHistoryInstructions(), p.alternateGreetings(), p.characterBook(), p.tags(),
				p.creator(), p.characterVersion(), p.creatorNotes(), p.extensions(),
				null, null, null, null, null, null, null, p.other());
	}

	private static void assertCardError(byte[] bytes, String field, String messagePart) {
		assertThatThrownBy(() -> CharacterCards.parse(bytes))
				.isInstanceOfSatisfying(CardFormatException.class, e -> assertThat(e.field()).isEqualTo(field))
				.hasMessageContaining(messagePart);
	}

	// ---- fixtures and round trips -------------------------------------------------------------

	@Test
	void parsesV3Fixture() {
		ParsedCard card = CharacterCards.parse(resource("v3-card.json"));

		assertThat(card.spec()).isEqualTo("v3");
		assertThat(card.name()).isEqualTo("Zoë 🌸 東京");
		assertThat(card.image()).isNull();
		Persona p = card.persona();
		assertThat(p.nickname()).isEqualTo("Zoë");
		assertThat(p.systemPrompt()).isEmpty();
		assertThat(p.groupOnlyGreetings()).hasSize(1);
		assertThat(p.source()).containsExactly("https://example.com/zoe", "troupe:fixture");
		assertThat(p.creationDate()).isEqualTo(1718000000L);
		assertThat(p.creatorNotesMultilingual().get("ja").asText()).isEqualTo("バイリンガルのキャラクター。");
		assertThat(p.characterBook().at("/entries/0/unknown_entry_key/a/1/b").isNull()).isTrue();
		assertThat(p.characterBook().at("/entries/0/id").asText()).isEqualTo("koto-1");
		assertThat(p.extensions().at("/mystudio/counters/big").asLong()).isEqualTo(9007199254740993L);
		assertThat(p.other()).containsKey("x_unknown_v3_key");
	}

	@Test
	void v3JsonExportReproducesTheFixtureExactly() throws IOException {
		byte[] fixture = resource("v3-card.json");
		ParsedCard card = CharacterCards.parse(fixture);

		byte[] exported = CharacterCards.toJson(card.name(), card.persona(), "v3");

		assertThat(JSON.readTree(exported)).isEqualTo(JSON.readTree(fixture));
		assertThat(CharacterCards.parse(exported).persona()).isEqualTo(card.persona());
	}

	@Test
	void v2JsonExportReproducesTheFixtureExactly() throws IOException {
		byte[] fixture = resource("v2-card.json");
		ParsedCard card = CharacterCards.parse(fixture);
		assertThat(card.spec()).isEqualTo("v2");
		assertThat(card.name()).isEqualTo("Mira Vale");

		byte[] exported = CharacterCards.toJson(card.name(), card.persona(), "v2");

		assertThat(JSON.readTree(exported)).isEqualTo(JSON.readTree(fixture));
		ParsedCard again = CharacterCards.parse(exported);
		assertThat(again.persona()).isEqualTo(card.persona());
		assertThat(again.spec()).isEqualTo("v2");
	}

	@Test
	void v2ExportOfAV3PersonaKeepsTheV2Fields() throws IOException {
		ParsedCard card = CharacterCards.parse(resource("v3-card.json"));

		byte[] v2 = CharacterCards.toJson(card.name(), card.persona(), "v2");

		JsonNode tree = JSON.readTree(v2);
		assertThat(tree.get("spec").asText()).isEqualTo("chara_card_v2");
		assertThat(tree.get("spec_version").asText()).isEqualTo("2.0");
		assertThat(tree.get("data").has("group_only_greetings")).isFalse();
		assertThat(tree.get("data").has("assets")).isFalse();
		assertThat(CharacterCards.parse(v2).persona()).isEqualTo(v2Only(card.persona()));
	}

	@Test
	void v3ExportAlwaysHasGroupOnlyGreetingsAndOmitsUnsetOptionals() throws IOException {
		JsonNode tree = JSON.readTree(CharacterCards.toJson("Ann", Persona.empty(), "v3"));

		assertThat(tree.get("spec").asText()).isEqualTo("chara_card_v3");
		assertThat(tree.get("spec_version").asText()).isEqualTo("3.0");
		JsonNode data = tree.get("data");
		assertThat(data.get("name").asText()).isEqualTo("Ann");
		assertThat(data.get("group_only_greetings").isArray()).isTrue();
		assertThat(data.get("extensions").isObject()).isTrue();
		assertThat(data.has("nickname")).isFalse();
		assertThat(data.has("character_book")).isFalse();
		assertThat(data.get("first_mes").asText()).isEmpty();
	}

	@Test
	void pngRoundTripReproducesEveryField() throws IOException {
		ParsedCard source = CharacterCards.parse(resource("v3-card.json"));
		byte[] image = CardChunksTests.plainPng(64, 96);

		byte[] png = CharacterCards.toPng(image, source.name(), source.persona());
		ParsedCard card = CharacterCards.parse(png);

		assertThat(card.spec()).isEqualTo("v3");
		assertThat(card.name()).isEqualTo(source.name());
		assertThat(card.persona()).isEqualTo(source.persona());
		assertThat(card.image()).isEqualTo(png);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(decoded.getWidth()).isEqualTo(64);
		assertThat(decoded.getHeight()).isEqualTo(96);

		// Both chunks, like SillyTavern: V2 in chara, V3 in ccv3.
		Map<String, String> texts = CardChunks.readTextChunks(png);
		JsonNode chara = JSON.readTree(Base64.getDecoder().decode(texts.get("chara")));
		JsonNode ccv3 = JSON.readTree(Base64.getDecoder().decode(texts.get("ccv3")));
		assertThat(chara.get("spec").asText()).isEqualTo("chara_card_v2");
		assertThat(ccv3.get("spec").asText()).isEqualTo("chara_card_v3");
		assertThat(ccv3).isEqualTo(JSON.readTree(resource("v3-card.json")));
	}

	@Test
	void v2PngRoundTrip() {
		ParsedCard source = CharacterCards.parse(resource("v2-card.json"));

		byte[] png = CharacterCards.toPng(CardChunksTests.plainPng(10, 10), source.name(), source.persona());
		// Keep only the chara chunk, as a V2-only tool would have written it.
		String chara = CardChunks.readTextChunks(png).get("chara");
		ParsedCard card = CharacterCards.parse(pngWith(Map.of("chara", chara)));

		assertThat(card.spec()).isEqualTo("v2");
		assertThat(card.name()).isEqualTo("Mira Vale");
		assertThat(card.persona()).isEqualTo(source.persona());
	}

	@Test
	void readsTheShippedPngFixture() {
		ParsedCard card = CharacterCards.parse(resource("v3-card.png"));

		assertThat(card.spec()).isEqualTo("v3");
		assertThat(card.persona()).isEqualTo(CharacterCards.parse(resource("v3-card.json")).persona());
		assertThat(CardChunks.readTextChunks(resource("v3-card.png"))).containsKeys("chara", "ccv3");
	}

	@Test
	void toPngConvertsAJpegAvatar() throws IOException {
		BufferedImage img = ImageIO.read(new ByteArrayInputStream(CardChunksTests.plainPng(20, 30)));
		ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
		ImageIO.write(img, "jpg", jpeg);

		byte[] png = CharacterCards.toPng(jpeg.toByteArray(), "Jay", Persona.empty());

		assertThat(CardChunks.isPng(png)).isTrue();
		assertThat(CharacterCards.parse(png).name()).isEqualTo("Jay");
		assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(20);
	}

	@Test
	void toPngRejectsAnUnreadableAvatar() {
		assertThatThrownBy(() -> CharacterCards.toPng("not an image".getBytes(), "Jay", Persona.empty()))
				.isInstanceOfSatisfying(CardFormatException.class, e -> assertThat(e.field()).isEqualTo("image"));
	}

	@Test
	void toPngKeepsOtherChunks() {
		byte[] comfy = pngWith(Map.of("prompt", "{\"3\":{\"class_type\":\"KSampler\"}}", "workflow", "{}"));

		byte[] png = CharacterCards.toPng(comfy, "Mira", Persona.empty());

		assertThat(CardChunks.readTextChunks(png)).containsEntry("prompt", "{\"3\":{\"class_type\":\"KSampler\"}}")
				.containsEntry("workflow", "{}").containsKeys("chara", "ccv3");
	}

	@Test
	void placeholderIsA400x600PngThatCarriesACard() throws IOException {
		byte[] placeholder = CharacterCards.placeholderPng("Mira");
		BufferedImage img = ImageIO.read(new ByteArrayInputStream(placeholder));
		assertThat(img.getWidth()).isEqualTo(400);
		assertThat(img.getHeight()).isEqualTo(600);
		// The corner shows the name-derived background; another name gives another colour.
		BufferedImage other = ImageIO.read(new ByteArrayInputStream(CharacterCards.placeholderPng("Zoë")));
		assertThat(img.getRGB(0, 0)).isNotEqualTo(other.getRGB(0, 0));
		assertThat(CharacterCards.placeholderPng("Mira")).isEqualTo(placeholder);

		assertThat(CharacterCards.parse(CharacterCards.toPng(null, "Mira", Persona.empty())).name()).isEqualTo("Mira");
	}

	// ---- format variants ----------------------------------------------------------------------

	@Test
	void prefersCcv3OverChara() {
		Map<String, String> chunks = new LinkedHashMap<>();
		chunks.put("chara", b64("{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"Old\"}}"));
		chunks.put("ccv3", b64("{\"spec\":\"chara_card_v3\",\"spec_version\":\"3.0\",\"data\":{\"name\":\"New\"}}"));

		ParsedCard card = CharacterCards.parse(pngWith(chunks));

		assertThat(card.name()).isEqualTo("New");
		assertThat(card.spec()).isEqualTo("v3");
	}

	@Test
	void readsAV1Card() {
		String v1 = """
				{"name":"Old Tom","description":"A sailor.","personality":"gruff","scenario":"At the docks.",
				 "first_mes":"Ahoy.","mes_example":"<START>","avatar":"none","chat":"Old Tom - 2023-1-1"}
				""";

		ParsedCard card = CharacterCards.parse(v1.getBytes(StandardCharsets.UTF_8));

		assertThat(card.spec()).isEqualTo("v1");
		assertThat(card.name()).isEqualTo("Old Tom");
		assertThat(card.persona().description()).isEqualTo("A sailor.");
		assertThat(card.persona().firstMes()).isEqualTo("Ahoy.");
		assertThat(card.persona().extensions().isEmpty()).isTrue();
		assertThat(card.persona().other()).containsKeys("avatar", "chat");
	}

	@Test
	void readsAV1CardFromAPngCharaChunk() {
		ParsedCard card = CharacterCards.parse(pngWith(Map.of("chara", b64("{\"name\":\"Tom\",\"first_mes\":\"Hi\"}"))));

		assertThat(card.spec()).isEqualTo("v1");
		assertThat(card.name()).isEqualTo("Tom");
		assertThat(card.image()).isNotNull();
	}

	@Test
	void toleratesAUtf8Bom() {
		byte[] json = ("\uFEFF{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"Bo\",\"tags\":\"solo\"}}")
				.getBytes(StandardCharsets.UTF_8);

		ParsedCard card = CharacterCards.parse(json);

		assertThat(card.name()).isEqualTo("Bo");
		assertThat(card.persona().tags()).containsExactly("solo");
	}

	// ---- errors -------------------------------------------------------------------------------

	@Test
	void pngWithoutCardChunk() {
		assertCardError(pngWith(Map.of("prompt", "{}")), "file", "no 'chara' or 'ccv3' text chunk");
	}

	@Test
	void truncatedPng() {
		byte[] png = CharacterCards.toPng(CardChunksTests.plainPng(64, 96), "Mira", Persona.empty());

		assertCardError(Arrays.copyOf(png, png.length / 2), "file", "not a valid PNG");
	}

	@Test
	void pngWithCorruptedCrc() {
		byte[] png = CharacterCards.toPng(CardChunksTests.plainPng(64, 96), "Mira", Persona.empty());
		png[png.length - 12 - 10] ^= 0x20; // inside the ccv3 text, the last chunk before IEND

		assertCardError(png, "file", "bad CRC");
	}

	@Test
	void invalidBase64() {
		assertCardError(pngWith(Map.of("chara", "this is *not* base64!")), "file", "base64");
	}

	@Test
	void jsonThatIsNotACard() {
		assertCardError("{\"foo\":1}".getBytes(), "file", "not a character card");
		assertCardError("[1,2,3]".getBytes(), "file", "not a character card");
		assertCardError("garbage".getBytes(), "file", "not a character card");
		assertCardError("\"name\"".getBytes(), "file", "not a character card");
		assertCardError("{\"spec\":\"lorebook_v3\",\"data\":{}}".getBytes(), "file", "not a character card");
		assertCardError(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}, "file", "not a character card");
		assertCardError(new byte[0], "file", "empty");
		assertCardError(pngWith(Map.of("chara", b64("{\"foo\":1}"))), "file", "not a character card");
	}

	@Test
	void cardWithoutName() {
		assertCardError("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"  \",\"description\":\"x\"}}".getBytes(),
				"data.name", "no name");
		assertCardError("{\"spec\":\"chara_card_v3\",\"data\":{\"description\":\"x\"}}".getBytes(),
				"data.name", "no name");
		assertCardError("{\"description\":\"x\"}".getBytes(), "name", "no name");
	}

	@Test
	void cardWithAWronglyTypedField() {
		assertCardError("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"A\",\"extensions\":[1]}}".getBytes(),
				"data.extensions", "invalid 'data.extensions'");
		assertCardError("{\"spec\":\"chara_card_v3\",\"data\":{\"name\":\"A\",\"tags\":[{}]}}".getBytes(),
				"data.tags", "list of text");
		assertCardError("{\"name\":\"A\",\"first_mes\":{\"x\":1}}".getBytes(), "first_mes", "expected text");
	}

	// ---- Persona as plain JSON ----------------------------------------------------------------

	@Test
	void personaWorksWithAPlainObjectMapper() throws IOException {
		Persona persona = CharacterCards.parse(resource("v3-card.json")).persona();

		String json = JSON.writeValueAsString(persona);
		Persona back = JSON.readValue(json, Persona.class);

		assertThat(back).isEqualTo(persona);
		JsonNode tree = JSON.readTree(json);
		assertThat(tree.has("first_mes")).isTrue();
		assertThat(tree.has("firstMes")).isFalse();
		assertThat(tree.has("other")).isFalse();
		assertThat(tree.get("x_unknown_v3_key").isArray()).isTrue();
	}

	@Test
	void personaWorksWithSpringsJackson3Mapper() throws IOException {
		Persona persona = CharacterCards.parse(resource("v3-card.json")).persona();
		tools.jackson.databind.json.JsonMapper jackson3 = tools.jackson.databind.json.JsonMapper.builder().build();

		String json = jackson3.writeValueAsString(persona);

		assertThat(jackson3.readValue(json, Persona.class)).isEqualTo(persona);
		assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree(JSON.writeValueAsString(persona)));
		assertThat(JSON.readTree(json).at("/character_book/entries/0/unknown_entry_key/a/0").asInt()).isEqualTo(1);
	}

	@Test
	void toleratesLooseTypesFromRealCards() {
		String json = """
				{"spec":"chara_card_v3","data":{"name":"L","tags":"solo","alternate_greetings":["a",null,2],
				 "creation_date":"1718000000","modification_date":1719000000.5,"creator":42,"nickname":null}}
				""";

		Persona p = CharacterCards.parse(json.getBytes(StandardCharsets.UTF_8)).persona();

		assertThat(p.tags()).containsExactly("solo");
		assertThat(p.alternateGreetings()).containsExactly("a", "", "2");
		assertThat(p.creationDate()).isEqualTo(1718000000L);
		assertThat(p.modificationDate()).isEqualTo(1719000000L);
		assertThat(p.creator()).isEqualTo("42");
		assertThat(p.nickname()).isNull();
	}

	@Test
	void emptyPersonaMatchesTheApiShape() throws IOException {
		JsonNode tree = JSON.valueToTree(Persona.empty());

		assertThat(tree.get("description").asText()).isEmpty();
		assertThat(tree.get("alternate_greetings").isArray()).isTrue();
		assertThat(tree.get("extensions")).isEqualTo(JSON.createObjectNode());
		assertThat(tree.get("character_book").isNull()).isTrue();
		assertThat(tree.get("group_only_greetings").isArray()).isTrue();
		assertThat(tree.get("nickname").isNull()).isTrue();
		assertThat(JSON.readValue("{}", Persona.class)).isEqualTo(Persona.empty());
		assertThat(JSON.readValue("{\"extensions\":null,\"character_book\":null,\"tags\":null}", Persona.class))
				.isEqualTo(Persona.empty());
	}

	@Test
	void personaIsNotChangedThroughTheTreesItWasBuiltFrom() {
		ObjectNode ext = JSON.createObjectNode().put("k", 1);
		Persona p = new Persona(null, null, null, null, null, null, null, List.of("hi"), null, null, null, null,
				null, ext, null, null, null, null, null, null, null, Map.of());

		ext.put("k", 2);

		assertThat(p.extensions().get("k").asInt()).isEqualTo(1);
	}

	@org.junit.jupiter.api.Test
	void anAvatarClaimingAGiganticCanvasIsRefusedWithoutDecodingIt() {
		var bomb = dev.troupe.media.ImageBombs.gif(20_000, 20_000);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> CharacterCards.toPng(bomb, "Big", Persona.empty()))
			.isInstanceOf(CardFormatException.class)
			.hasMessageContaining("too large");
	}
}
