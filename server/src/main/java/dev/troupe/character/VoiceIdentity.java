package dev.troupe.character;

import java.time.Instant;
import java.util.UUID;

/**
 * How the character sounds. A reference clip clones a real person's voice, so it is only accepted once a
 * consent statement records whose voice it is.
 */
public record VoiceIdentity(UUID referenceClipAssetId, String ttsVoice, String ttsLanguage, Consent consent) {

	public VoiceIdentity {
		ttsVoice = ttsVoice == null ? "" : ttsVoice;
		ttsLanguage = ttsLanguage == null ? "" : ttsLanguage;
	}

	static VoiceIdentity empty() {
		return new VoiceIdentity(null, null, null, null);
	}

	boolean hasConsent() {
		return consent != null && !consent.speaker().isBlank() && !consent.statement().isBlank();
	}

	VoiceIdentity withClip(UUID assetId) {
		return new VoiceIdentity(assetId, ttsVoice, ttsLanguage, consent);
	}

	VoiceIdentity withConsent(Consent consent) {
		return new VoiceIdentity(referenceClipAssetId, ttsVoice, ttsLanguage, consent);
	}

	/** Who the voice belongs to and what they agreed to; Troupe records when and by whom it was entered. */
	public record Consent(String speaker, String statement, Instant recordedAt, String recordedBy) {

		public Consent {
			speaker = speaker == null ? "" : speaker.trim();
			statement = statement == null ? "" : statement.trim();
		}

		boolean sameWords(Consent other) {
			return other != null && speaker.equals(other.speaker) && statement.equals(other.statement);
		}
	}
}
