package dev.troupe.publishing.platform.telegram;

import java.util.ArrayList;
import java.util.List;

import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.Violation;

/**
 * Telegram's rules that the descriptor cannot express: with media the text is a
 * caption (1024, not 4096), photos must have width + height ≤ 10000 and a side ratio ≤ 20, uploads stop at 50 MB,
 * and an album cannot mix audio with photos or videos.
 */
final class TelegramRules {

	private TelegramRules() {
	}

	static List<Violation> check(PostDraft draft) {
		var violations = new ArrayList<Violation>();
		var length = TelegramDescriptor.DESCRIPTOR.capabilities().text().length(draft.text());
		if (!draft.media().isEmpty() && length > TelegramDescriptor.MAX_CAPTION) {
			violations.add(new Violation("text", length + " characters; a telegram caption (text with media) allows "
					+ TelegramDescriptor.MAX_CAPTION));
		}
		var audio = 0;
		for (int i = 0; i < draft.media().size(); i++) {
			var media = draft.media().get(i);
			var kind = TelegramMedia.of(media.contentType());
			audio += kind == TelegramMedia.AUDIO ? 1 : 0;
			var limit = kind == TelegramMedia.PHOTO ? TelegramDescriptor.MAX_PHOTO_BYTES : TelegramDescriptor.MAX_FILE_BYTES;
			if (media.size() > limit) {
				violations.add(new Violation("media[" + i + "]", media.size() + " bytes; telegram allows "
						+ limit / (1024 * 1024) + " MB for a " + kind.field));
			}
			if (kind == TelegramMedia.PHOTO && media.width() != null && media.height() != null) {
				photoShape(media.width(), media.height(), i, violations);
			}
		}
		if (draft.media().size() > 1 && audio > 0 && audio < draft.media().size()) {
			violations.add(new Violation("media", "a telegram album cannot mix audio with photos or videos"));
		}
		return violations;
	}

	private static void photoShape(int width, int height, int index, List<Violation> violations) {
		if (width + height > 10_000) {
			violations.add(new Violation("media[" + index + "]", width + "×" + height
					+ "; telegram photos need width + height ≤ 10000"));
		}
		if (Math.max(width, height) > 20L * Math.max(1, Math.min(width, height))) {
			violations.add(new Violation("media[" + index + "]", width + "×" + height
					+ "; telegram photos need a side ratio of at most 20"));
		}
	}
}
