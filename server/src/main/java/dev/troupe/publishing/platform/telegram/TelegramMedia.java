package dev.troupe.publishing.platform.telegram;

import java.util.Locale;

/**
 * Which Bot API method (and field, and album item type) carries a file of a given content type. Telegram shows
 * each kind differently: OGG/Opus as a voice note, MP3/M4A in the music player, GIFs as animations.
 */
enum TelegramMedia {

	PHOTO("sendPhoto", "photo"), ANIMATION("sendAnimation", "animation"), VIDEO("sendVideo", "video"),
	VOICE("sendVoice", "voice"), AUDIO("sendAudio", "audio"), DOCUMENT("sendDocument", "document");

	final String method;
	final String field;

	TelegramMedia(String method, String field) {
		this.method = method;
		this.field = field;
	}

	static TelegramMedia of(String contentType) {
		var type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		if (type.startsWith("image/gif")) {
			return ANIMATION; // sendPhoto would flatten it to its first frame
		}
		if (type.startsWith("image/")) {
			return PHOTO;
		}
		if (type.startsWith("video/")) {
			return VIDEO;
		}
		if (type.startsWith("audio/ogg") || type.startsWith("audio/opus")) {
			return VOICE; // sendVoice wants OGG/Opus
		}
		if (type.startsWith("audio/mpeg") || type.startsWith("audio/mp3") || type.startsWith("audio/mp4")
				|| type.startsWith("audio/m4a") || type.startsWith("audio/x-m4a") || type.startsWith("audio/aac")) {
			return AUDIO; // sendAudio plays MP3 and M4A only
		}
		return DOCUMENT; // e.g. WAV: Telegram keeps it as a downloadable file rather than refusing it
	}

	/**
	 * The item type inside {@code sendMediaGroup}, which knows photo, video, audio and document (no animation,
	 * no voice). Photos and videos mix; audio and documents only group with their own kind.
	 */
	String albumType() {
		return switch (this) {
			case PHOTO -> "photo";
			case VIDEO -> "video";
			case AUDIO -> "audio";
			case ANIMATION, VOICE, DOCUMENT -> "document";
		};
	}
}
