package dev.troupe.character;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.troupe.support.Api;
import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CharacterIntegrationTests extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void createsReadsListsUpdatesAndDeletesACharacter() {
		var name = "Mira Vale " + UUID.randomUUID().toString().substring(0, 6);
		var created = owner.post("/api/v1/characters", Map.of("name", name, "bio", "Travel photographer",
				"timeZone", "Europe/Lisbon", "persona", Map.of("description", "Curious", "extensions",
						Map.of("someone_else", Map.of("x", 1)))));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var character = created.json();
		var id = character.get("id").asString();
		assertThat(character.get("handle").asString()).startsWith("mira-vale-");
		assertThat(character.get("language").asString()).isEqualTo("en");
		assertThat(character.get("version").asInt()).isEqualTo(1);

		assertThat(owner.get("/api/v1/characters/" + id).json().get("name").asString()).isEqualTo(name);
		assertThat(owner.get("/api/v1/characters?q=" + name.substring(10)).text()).contains(id);

		var patched = owner.patch("/api/v1/characters/" + id,
				Map.of("persona", Map.of("personality", "warm"), "preferences", Map.of("hashtags", List.of("#lisbon"))),
				"If-Match", "\"1\"");
		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		var after = patched.json();
		assertThat(after.at("/persona/personality").asString()).isEqualTo("warm");
		assertThat(after.at("/persona/description").asString()).as("merge keeps what the patch does not name")
			.isEqualTo("Curious");
		assertThat(after.at("/persona/extensions/someone_else/x").asInt()).isEqualTo(1);
		assertThat(after.at("/preferences/hashtags/0").asString()).isEqualTo("#lisbon");
		assertThat(after.get("version").asInt()).isEqualTo(2);

		var stale = owner.patch("/api/v1/characters/" + id, Map.of("bio", "lost update"), "If-Match", "1");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(owner.get("/api/v1/characters/" + id).json().get("bio").asString()).isEqualTo("Travel photographer");

		assertThat(owner.delete("/api/v1/characters/" + id).status()).isEqualTo(204);
		assertThat(owner.get("/api/v1/characters/" + id).status()).isEqualTo(404);

		var audit = owner.get("/api/v1/audit?limit=200").text();
		assertThat(audit).contains("character.created").contains("character.updated").contains("character.deleted")
			.contains(id);
	}

	@Test
	void refusesInvalidCharactersWithTheFieldAndReason() {
		var invalid = owner.post("/api/v1/characters", Map.of("name", "Bad Zone", "timeZone", "Mars/Olympus",
				"visual", Map.of("loras", List.of(Map.of("name", "x", "weight", 9)), "seedPolicy", "FIXED")));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
		assertThat(fields(invalid)).contains("timeZone", "visual.loras[0].weight", "visual.seed");

		assertThat(fields(owner.post("/api/v1/characters", Map.of("bio", "no name")))).contains("name");
		assertThat(fields(owner.post("/api/v1/characters", Map.of("name", "Typo", "nmae", "x")))).contains("nmae");
		var wrongType = owner.post("/api/v1/characters", Map.of("name", "Typed", "visual", Map.of("seed", "abc")));
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(fields(wrongType)).contains("visual.seed");
		assertThat(owner.post("/api/v1/characters", "{not json").status()).isEqualTo(400);
		assertThat(owner.post("/api/v1/characters", "[1,2]").status()).isEqualTo(400);
		assertThat(owner.get("/api/v1/characters/not-a-uuid").status()).isEqualTo(400);
	}

	@Test
	void aDuplicateHandleIsAConflict() {
		var handle = "dup-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(owner.post("/api/v1/characters", Map.of("name", "One", "handle", handle)).status()).isEqualTo(201);
		var second = owner.post("/api/v1/characters", Map.of("name", "Two", "handle", handle));
		assertThat(second.status()).isEqualTo(409);
		assertThat(fields(second)).contains("handle");
		var imported = owner.upload("/api/v1/characters/import", "v2.json", resource("cards/v2-card.json"),
				Map.of("handle", handle));
		assertThat(imported.status()).isEqualTo(409);
	}

	@Test
	void v2AndV3JsonCardsRoundTripEveryField() {
		for (var spec : List.of("v2", "v3")) {
			var original = resource("cards/" + spec + "-card.json");
			var imported = owner.upload("/api/v1/characters/import", spec + ".json", original);
			assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
			var id = imported.json().get("id").asString();

			var exported = owner.get("/api/v1/characters/" + id + "/card?format=json&spec=" + spec);
			assertThat(exported.status()).isEqualTo(200);
			assertThat(exported.header("Content-Disposition")).contains("attachment").contains(".json");
			assertThat(exported.json()).isEqualTo(JSON.readTree(original));
		}
	}

	@Test
	void pngCardsRoundTripThroughBothChunks() {
		var original = resource("cards/v3-card.png");
		var preview = owner.upload("/api/v1/characters/import?dryRun=true", "zoe.png", original);
		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.json().get("id").isNull()).isTrue();

		var imported = owner.upload("/api/v1/characters/import", "zoe.png", original);
		assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
		var character = imported.json();
		assertThat(character.get("avatarAssetId").isNull()).as("the card image becomes the avatar").isFalse();

		var png = owner.get("/api/v1/characters/" + character.get("id").asString() + "/card?format=png").bytes();
		var chunks = CardChunks.readTextChunks(png);
		var v3 = JSON.readTree(Base64.getDecoder().decode(chunks.get("ccv3")));
		var v2 = JSON.readTree(Base64.getDecoder().decode(chunks.get("chara")));
		var originalV3 = JSON.readTree(Base64.getDecoder().decode(CardChunks.readTextChunks(original).get("ccv3")));
		assertThat(v3).isEqualTo(originalV3);
		assertThat(v2.get("spec").asString()).isEqualTo("chara_card_v2");
		assertThat(v2.at("/data/name").asString()).isEqualTo("Zoë 🌸 東京");
		assertThat(v2.at("/data/character_book")).isEqualTo(originalV3.at("/data/character_book"));

		var reimported = owner.upload("/api/v1/characters/import", "again.png", png);
		assertThat(reimported.status()).isEqualTo(201);
		assertThat(reimported.json().get("persona")).isEqualTo(character.get("persona"));
	}

	@Test
	void aCardWithoutAvatarExportsOnAPlaceholderImage() throws IOException {
		var id = owner.post("/api/v1/characters", Map.of("name", "No Face")).json().get("id").asString();
		var png = owner.get("/api/v1/characters/" + id + "/card?format=png&spec=v2").bytes();
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(png))).isNotNull();
		assertThat(CardChunks.readTextChunks(png)).containsKeys("chara", "ccv3");
		assertThat(owner.get("/api/v1/characters/" + id + "/card?format=gif").status()).isEqualTo(400);
	}

	@Test
	void badCardsAreRefusedAndNothingSavedIsHarmed() {
		var keep = owner.post("/api/v1/characters", Map.of("name", "Keeper")).json();
		var before = owner.get("/api/v1/characters").json().size();

		var plainPng = png(32, 32);
		var truncated = Arrays.copyOf(resource("cards/v3-card.png"), resource("cards/v3-card.png").length / 2);
		var badBase64 = CardChunks.withTextChunks(plainPng, Map.of("chara", "%%% not base64 %%%"));
		var noName = "{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"description\":\"x\"}}";

		assertRefused(owner.upload("/api/v1/characters/import", "plain.png", plainPng), 400, "chunk");
		assertRefused(owner.upload("/api/v1/characters/import", "cut.png", truncated), 400, null);
		assertRefused(owner.upload("/api/v1/characters/import", "b64.png", badBase64), 400, "base64");
		assertRefused(owner.upload("/api/v1/characters/import", "x.json", "{\"foo\":1}".getBytes()), 400, null);
		assertRefused(owner.upload("/api/v1/characters/import", "x.json", "garbage".getBytes()), 400, null);
		assertRefused(owner.upload("/api/v1/characters/import", "x.json", noName.getBytes()), 400, "name");
		assertRefused(owner.upload("/api/v1/characters/import", "big.json", new byte[3 * 1024 * 1024]), 413, null);

		assertThat(owner.get("/api/v1/characters").json().size()).isEqualTo(before);
		assertThat(owner.get("/api/v1/characters/" + keep.get("id").asString()).json()).isEqualTo(keep);
	}

	@Test
	void referenceImagesAreStoredAsMediaWithThumbnails() throws IOException {
		var character = owner.post("/api/v1/characters", Map.of("name", "Ref Holder")).json();
		var id = character.get("id").asString();

		var notImage = owner.upload("/api/v1/characters/" + id + "/references", "notes.txt", "hello".getBytes());
		assertRefused(notImage, 415, "not an image");
		var fakePng = owner.upload("/api/v1/characters/" + id + "/references", "fake.png",
				Arrays.copyOf(png(40, 40), 60));
		assertRefused(fakePng, 415, "decoded");

		var added = owner.upload("/api/v1/characters/" + id + "/references", "face.png", png(800, 400));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		var assetId = added.json().at("/visual/referenceAssetIds/0").asString();

		var info = owner.get("/api/v1/media/" + assetId + "/info").json();
		assertThat(info.get("contentType").asString()).isEqualTo("image/png");
		assertThat(info.get("width").asInt()).isEqualTo(800);
		assertThat(info.get("sha256").asString()).hasSize(64);
		assertThat(info.get("createdBy").asString()).isEqualTo(OWNER_EMAIL);

		var thumbnail = owner.get("/api/v1/media/" + assetId + "/thumbnail");
		assertThat(thumbnail.header("Content-Type")).isEqualTo("image/jpeg");
		var thumb = ImageIO.read(new java.io.ByteArrayInputStream(thumbnail.bytes()));
		assertThat(thumb.getWidth()).isEqualTo(320);
		assertThat(thumb.getHeight()).isEqualTo(160);
		assertThat(owner.get("/api/v1/media/" + assetId).bytes()).isEqualTo(png(800, 400));
		assertThat(as("VIEWER").get("/api/v1/media/" + assetId).status()).isEqualTo(200);

		var removed = owner.delete("/api/v1/characters/" + id + "/references/" + assetId);
		assertThat(removed.json().at("/visual/referenceAssetIds").size()).isZero();
	}

	@Test
	void aVoiceClipNeedsConsentFirst() {
		var id = owner.post("/api/v1/characters", Map.of("name", "Voiced")).json().get("id").asString();
		var wav = wav();
		var refused = owner.upload("/api/v1/characters/" + id + "/voice/reference", "me.wav", wav);
		assertRefused(refused, 422, "consent");

		var consent = owner.patch("/api/v1/characters/" + id, Map.of("voice", Map.of("consent",
				Map.of("speaker", "Jane Doe", "statement", "I, Jane Doe, agree to my voice being used for Voiced."))));
		assertThat(consent.json().at("/voice/consent/recordedBy").asString()).isEqualTo(OWNER_EMAIL);
		assertThat(consent.json().at("/voice/consent/recordedAt").isNull()).isFalse();

		var accepted = owner.upload("/api/v1/characters/" + id + "/voice/reference", "me.wav", wav);
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
		var clip = accepted.json().at("/voice/referenceClipAssetId").asString();
		assertThat(owner.get("/api/v1/media/" + clip + "/info").json().get("contentType").asString())
			.isEqualTo("audio/wav");
		assertRefused(owner.upload("/api/v1/characters/" + id + "/voice/reference", "pic.png", png(8, 8)), 415, "audio");
	}

	private static void assertRefused(Api.Response response, int status, String detailContains) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		if (detailContains != null) {
			assertThat(response.json().get("detail").asString().toLowerCase()).contains(detailContains.toLowerCase());
		}
	}

	private static List<String> fields(Api.Response response) {
		var errors = response.json().get("errors");
		return errors == null ? List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
	}

	static byte[] resource(String path) {
		try (var in = CharacterIntegrationTests.class.getClassLoader().getResourceAsStream(path)) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static byte[] png(int width, int height) {
		var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < height; y++) {
				image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
			}
		}
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** A short valid WAV: RIFF header, 8 kHz mono 16-bit, a tenth of a second of silence. */
	static byte[] wav() {
		int samples = 800;
		var buffer = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		buffer.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes())
			.putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2)
			.putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
		return buffer.array();
	}

}
