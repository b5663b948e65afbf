package dev.troupe.character;

import java.time.Instant;
import java.util.UUID;

/**
 * A virtual character, defined once and used by every later step (generation, captions, publishing).
 * Instants are UTC; {@code timeZone} is the IANA zone its posts are scheduled in.
 */
public record Character(UUID id, int version, Instant createdAt, Instant updatedAt, String name, String handle,
		String bio, UUID avatarAssetId, String language, String timeZone, Persona persona, VisualIdentity visual,
		VoiceIdentity voice, ContentPreferences preferences) {

	public Character {
		bio = bio == null ? "" : bio;
		language = language == null || language.isBlank() ? "en" : language;
		timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
		persona = persona == null ? Persona.empty() : persona;
		visual = visual == null ? VisualIdentity.empty() : visual;
		voice = voice == null ? VoiceIdentity.empty() : voice;
		preferences = preferences == null ? ContentPreferences.empty() : preferences;
	}

	Character withIdentity(UUID id, int version, Instant createdAt, Instant updatedAt) {
		return new Character(id, version, createdAt, updatedAt, name, handle, bio, avatarAssetId, language, timeZone,
				persona, visual, voice, preferences);
	}

	Character withAvatar(UUID assetId) {
		return new Character(id, version, createdAt, updatedAt, name, handle, bio, assetId, language, timeZone, persona,
				visual, voice, preferences);
	}

	Character withVisual(VisualIdentity visual) {
		return new Character(id, version, createdAt, updatedAt, name, handle, bio, avatarAssetId, language, timeZone,
				persona, visual, voice, preferences);
	}

	Character withVoice(VoiceIdentity voice) {
		return new Character(id, version, createdAt, updatedAt, name, handle, bio, avatarAssetId, language, timeZone,
				persona, visual, voice, preferences);
	}
}
