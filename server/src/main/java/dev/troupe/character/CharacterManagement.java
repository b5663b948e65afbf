package dev.troupe.character;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.character.CharacterEvents.CharacterCreated;
import dev.troupe.character.CharacterEvents.CharacterDeleted;
import dev.troupe.character.CharacterEvents.CharacterUpdated;
import dev.troupe.media.MediaKind;
import dev.troupe.media.MediaManagement;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The character module's API: create, change (JSON merge patch), delete, import and export cards, and attach
 * media. Every change is checked whole before it is saved, and guarded by the row version so two editors
 * cannot silently overwrite each other.
 */
@Service
@Transactional
public class CharacterManagement {

	private final Characters characters;
	private final MediaManagement media;
	private final JsonMapper json;
	private final ApplicationEventPublisher events;

	CharacterManagement(Characters characters, MediaManagement media, JsonMapper json,
			ApplicationEventPublisher events) {
		this.characters = characters;
		this.media = media;
		this.json = json;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public List<Character> search(String query) {
		return characters.search(query);
	}

	@Transactional(readOnly = true)
	public Character get(UUID id) {
		return characters.findById(id).orElseThrow(() -> ApiProblem.notFound("Character", id));
	}

	public Character create(JsonNode body) {
		var tree = requireObject(body).deepCopy();
		for (var managed : List.of("id", "version", "createdAt", "updatedAt", "avatarAssetId")) {
			tree.remove(managed);
		}
		tree.put("version", 0);
		var draft = read(tree);
		draft = new Character(null, 0, null, null, draft.name() == null ? null : draft.name().trim(),
				draft.handle() == null || draft.handle().isBlank() ? CharacterRules.handleFrom(draft.name()) : draft.handle(),
				draft.bio(), null, draft.language(), draft.timeZone(), draft.persona(),
				draft.visual().withReferences(List.of()), stampConsent(draft.voice().withClip(null), null),
				draft.preferences());
		return insert(draft, "api");
	}

	public Character update(UUID id, JsonNode patch, Integer expectedVersion) {
		var current = get(id);
		checkVersion(current, expectedVersion);
		var merged = merge((ObjectNode) json.valueToTree(current), requireObject(patch));
		var changed = read(merged);
		var next = new Character(current.id(), current.version() + 1, current.createdAt(), now(),
				changed.name() == null ? null : changed.name().trim(), changed.handle(), changed.bio(),
				current.avatarAssetId(), changed.language(), changed.timeZone(), changed.persona(),
				changed.visual().withReferences(current.visual().referenceAssetIds()),
				stampConsent(changed.voice().withClip(current.voice().referenceClipAssetId()), current.voice().consent()),
				changed.preferences());
		var what = patch.propertyNames().stream().collect(Collectors.joining(","));
		return save(current, next, what);
	}

	public void delete(UUID id, Integer expectedVersion) {
		var current = get(id);
		checkVersion(current, expectedVersion);
		if (!characters.delete(id, current.version())) {
			throw staleVersion();
		}
		events.publishEvent(new CharacterDeleted(id, current.handle(), Actors.current()));
	}

	/** Reads a card; with {@code dryRun} returns what would be created without saving anything. */
	public Character importCard(byte[] file, String filename, String handle, boolean dryRun) {
		CharacterCards.ParsedCard card;
		try {
			card = CharacterCards.parse(file);
		}
		catch (CardFormatException e) {
			throw ApiProblem.badRequest(e.field(), e.reason());
		}
		var chosenHandle = handle != null && !handle.isBlank() ? handle.trim() : freeHandle(card.name());
		if (handle != null && !handle.isBlank() && characters.handleTaken(chosenHandle)) {
			throw Characters.handleConflict(chosenHandle);
		}
		var draft = new Character(null, 0, null, null, card.name().trim(), chosenHandle, "", null, null, null,
				card.persona(), null, null, null);
		if (dryRun) {
			CharacterRules.check(draft);
			return draft;
		}
		if (card.image() != null) {
			draft = draft.withAvatar(media.store(card.image(), filename, MediaKind.IMAGE, "file").id());
		}
		if (!card.files().isEmpty()) {
			draft = withEmbeddedAssets(draft, card.files());
		}
		return insert(draft, "card-" + card.spec());
	}

	/** A CHARX card's embedded files become media; their assets point at them ({@code troupe://media/<id>}). */
	private Character withEmbeddedAssets(Character c, Map<String, byte[]> files) {
		var tree = c.persona().toTree();
		if (tree.get("assets") instanceof com.fasterxml.jackson.databind.node.ArrayNode assets) {
			for (var node : assets) {
				var uri = node.path("uri").asText("");
				var path = uri.startsWith(Charx.EMBEDDED) ? uri.substring(Charx.EMBEDDED.length()) : null;
				if (path != null && files.containsKey(path)) {
					var asset = media.store(files.get(path), path, MediaKind.ANY, "file");
					((com.fasterxml.jackson.databind.node.ObjectNode) node).put("uri", Charx.MEDIA + asset.id());
				}
			}
		}
		return new Character(c.id(), c.version(), c.createdAt(), c.updatedAt(), c.name(), c.handle(), c.bio(),
				c.avatarAssetId(), c.language(), c.timeZone(), Persona.fromTree(tree), c.visual(), c.voice(), c.preferences());
	}

	@Transactional(readOnly = true)
	public CardFile exportCard(UUID id, String format, String spec) {
		var c = get(id);
		if (!Set.of("json", "png", "charx").contains(format)) {
			throw ApiProblem.badRequest("format", "must be 'json', 'png' or 'charx'");
		}
		if (format.equals("charx")) {
			var avatar = c.avatarAssetId() == null ? null : media.find(c.avatarAssetId()).map(a -> media.bytes(a.id())).orElse(null);
			return new CardFile(CharacterCards.toCharx(c.name(), c.persona(), id2 -> media.bytes(UUID.fromString(id2)), avatar),
					c.handle() + ".charx", "application/zip");
		}
		if (!Set.of("v2", "v3").contains(spec)) {
			throw ApiProblem.badRequest("spec", "must be 'v2' or 'v3'");
		}
		if (format.equals("json")) {
			return new CardFile(CharacterCards.toJson(c.name(), c.persona(), spec), c.handle() + "." + spec + ".json",
					"application/json");
		}
		var image = avatarImage(c);
		return new CardFile(CharacterCards.toPng(image, c.name(), c.persona()), c.handle() + ".png", "image/png");
	}

	public Character setAvatar(UUID id, byte[] file, String filename) {
		var asset = media.store(file, filename, MediaKind.IMAGE, "file");
		return change(id, c -> c.withAvatar(asset.id()), "avatar");
	}

	public Character addReference(UUID id, byte[] file, String filename) {
		var asset = media.store(file, filename, MediaKind.IMAGE, "file");
		return change(id, c -> {
			var ids = new ArrayList<>(c.visual().referenceAssetIds());
			if (!ids.contains(asset.id())) {
				ids.add(asset.id());
			}
			return c.withVisual(c.visual().withReferences(ids));
		}, "visual.referenceAssetIds");
	}

	public Character removeReference(UUID id, UUID assetId) {
		return change(id, c -> {
			if (!c.visual().referenceAssetIds().contains(assetId)) {
				throw ApiProblem.notFound("Reference image", assetId + " of character " + id);
			}
			var ids = new ArrayList<>(c.visual().referenceAssetIds());
			ids.remove(assetId);
			return c.withVisual(c.visual().withReferences(ids));
		}, "visual.referenceAssetIds");
	}

	public Character setVoiceReference(UUID id, byte[] file, String filename) {
		if (!get(id).voice().hasConsent()) {
			throw ApiProblem.unprocessable("voice.consent",
					"Record whose voice this is (speaker and consent statement) before uploading a reference clip");
		}
		var asset = media.store(file, filename, MediaKind.AUDIO, "file");
		return change(id, c -> c.withVoice(c.voice().withClip(asset.id())), "voice.referenceClipAssetId");
	}

	/**
	 * The speaker withdrew consent: cloning stops at once (the clip and the consent record are removed, so queued
	 * voice jobs that name the clip fail instead of using it) and the clip's bytes are deleted. Audited as
	 * "voice.consent.withdrawn"; using the voice again needs a new consent and a new upload.
	 */
	public Character withdrawVoiceConsent(UUID id) {
		var clip = get(id).voice().referenceClipAssetId();
		var next = change(id, c -> c.withVoice(c.voice().withClip(null).withConsent(null)), "voice.consent.withdrawn");
		if (clip != null && media.find(clip).isPresent()) {
			media.delete(clip);
		}
		return next;
	}

	private Character change(UUID id, UnaryOperator<Character> change, String what) {
		var current = get(id);
		var next = change.apply(current);
		next = next.withIdentity(current.id(), current.version() + 1, current.createdAt(), now());
		return save(current, next, what);
	}

	private Character save(Character current, Character next, String what) {
		CharacterRules.check(next);
		if (!characters.update(next, current.version())) {
			throw staleVersion();
		}
		events.publishEvent(new CharacterUpdated(next.id(), next.handle(), Actors.current(), what));
		return next;
	}

	private Character insert(Character draft, String source) {
		var now = now();
		var character = draft.withIdentity(UUID.randomUUID(), 1, now, now);
		CharacterRules.check(character);
		characters.insert(character, Actors.current());
		events.publishEvent(new CharacterCreated(character.id(), character.handle(), Actors.current(), source));
		return character;
	}

	private byte[] avatarImage(Character c) {
		if (c.avatarAssetId() != null) {
			var avatar = media.find(c.avatarAssetId());
			if (avatar.isPresent() && avatar.get().isImage()) {
				return media.bytes(avatar.get().id());
			}
		}
		return CharacterCards.placeholderPng(c.name());
	}

	private String freeHandle(String name) {
		var base = CharacterRules.handleFrom(name);
		var handle = base;
		for (int i = 2; characters.handleTaken(handle); i++) {
			handle = base + "-" + i;
		}
		return handle;
	}

	/** Consent words that changed get a fresh "recorded at/by"; unchanged words keep theirs. */
	private static VoiceIdentity stampConsent(VoiceIdentity voice, VoiceIdentity.Consent previous) {
		var consent = voice.consent();
		if (consent == null || (consent.speaker().isBlank() && consent.statement().isBlank())) {
			return voice.withConsent(null);
		}
		if (consent.sameWords(previous)) {
			return voice.withConsent(previous);
		}
		return voice.withConsent(
				new VoiceIdentity.Consent(consent.speaker(), consent.statement(), now(), Actors.current()));
	}

	/** PostgreSQL keeps microseconds; trimming here makes what we return equal what we read back later. */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	private static void checkVersion(Character current, Integer expected) {
		if (expected != null && expected != current.version()) {
			throw staleVersion();
		}
	}

	private static ApiProblem staleVersion() {
		return ApiProblem.conflict("version",
				"Someone else changed this character in the meantime; reload it and apply your change again");
	}

	private static ObjectNode requireObject(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw ApiProblem.badRequest("body", "must be a JSON object");
		}
		return (ObjectNode) body;
	}

	/** RFC 7386 JSON merge patch: objects merge key by key, null removes, anything else replaces. */
	static ObjectNode merge(ObjectNode target, ObjectNode patch) {
		for (var entry : patch.properties()) {
			var value = entry.getValue();
			if (value.isNull()) {
				target.remove(entry.getKey());
			}
			else if (value.isObject() && target.get(entry.getKey()) instanceof ObjectNode existing) {
				merge(existing, (ObjectNode) value);
			}
			else {
				target.set(entry.getKey(), value);
			}
		}
		return target;
	}

	/** Reads a character document, refusing unknown top-level or section fields (typos would vanish silently). */
	private Character read(ObjectNode tree) {
		var errors = new ArrayList<ApiProblem.FieldProblem>();
		unknownFields("", tree, Character.class, errors);
		unknownFields("visual.", tree.get("visual"), VisualIdentity.class, errors);
		unknownFields("voice.", tree.get("voice"), VoiceIdentity.class, errors);
		unknownFields("preferences.", tree.get("preferences"), ContentPreferences.class, errors);
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		try {
			return json.treeToValue(tree, Character.class);
		}
		catch (JacksonException e) {
			// binding and number-range errors alike carry the path of the field they are about
			var path = e.getPath().stream()
					.map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
					.collect(Collectors.joining()).replaceFirst("^\\.", "");
			throw ApiProblem.badRequest(path.isEmpty() ? "body" : path, "has the wrong type or format ("
					+ e.getOriginalMessage().lines().findFirst().orElse("") + ")");
		}
	}

	private static void unknownFields(String prefix, JsonNode node, Class<? extends Record> type,
			List<ApiProblem.FieldProblem> errors) {
		if (node == null || !node.isObject()) {
			return;
		}
		var known = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
		for (var name : node.propertyNames()) {
			if (!known.contains(name)) {
				errors.add(new ApiProblem.FieldProblem(prefix + name, "is not a known field"));
			}
		}
	}

	/** An exported card file. */
	public record CardFile(byte[] bytes, String filename, String contentType) {
	}
}
