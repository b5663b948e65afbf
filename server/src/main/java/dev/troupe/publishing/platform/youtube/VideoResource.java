package dev.troupe.publishing.platform.youtube;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.regex.Pattern;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublishRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * The video resource of videos.insert from the variant: title ({@code title} option, else the first line), description
 * (the text), tags ({@code tags} option, comma separated, else the text's hashtags), privacy and {@code publishAt}
 * (a scheduled video is private until then), {@code selfDeclaredMadeForKids} from the channel, and
 * {@code containsSyntheticMedia} when the file carries IPTC DigitalSourceType trainedAlgorithmicMedia (Troupe stamps
 * every generated file) or the post says {@code aiGenerated=true}.
 */
final class VideoResource {

	private static final Pattern HASHTAG = Pattern.compile("#(\\p{L}[\\p{L}\\p{N}_]*)");

	private VideoResource() {
	}

	static ObjectNode of(PublishRequest request, PublishRequest.Media video, ChannelContext channel) {
		var text = request.text() == null ? "" : request.text().strip();
		var title = option(request, "title", text.lines().findFirst().orElse("").strip());
		title = title.replace("<", "").replace(">", "");
		if (title.isBlank()) {
			title = video.filename();
		}
		if (title.codePointCount(0, title.length()) > YouTubeDescriptor.MAX_TITLE) {
			title = title.substring(0, title.offsetByCodePoints(0, YouTubeDescriptor.MAX_TITLE - 1)) + "…";
		}
		var root = YouTubeApi.JSON.createObjectNode();
		var snippet = root.putObject("snippet").put("title", title).put("description", text.replace("<", "‹").replace(">", "›"))
			.put("categoryId", channel.setting("categoryId", "22"));
		var tags = new LinkedHashSet<String>();
		var given = request.options().get("tags");
		if (given != null && !given.isBlank()) {
			for (var tag : given.split(",")) {
				if (!tag.isBlank()) {
					tags.add(tag.strip());
				}
			}
		}
		else {
			HASHTAG.matcher(text).results().forEach(m -> tags.add(m.group(1)));
		}
		var tagArray = snippet.putArray("tags");
		tags.forEach(tagArray::add);
		var status = root.putObject("status");
		var publishAt = request.options().get("publishAt");
		var privacy = option(request, "privacy", channel.setting("privacy", "private"));
		if (publishAt != null && !publishAt.isBlank()) {
			status.put("privacyStatus", "private").put("publishAt", Instant.parse(publishAt).toString());
		}
		else {
			status.put("privacyStatus", privacy);
		}
		status.put("selfDeclaredMadeForKids", "yes".equals(channel.setting("madeForKids", "")));
		status.put("containsSyntheticMedia", generated(request, video));
		return root;
	}

	static boolean generated(PublishRequest request, PublishRequest.Media video) {
		if ("true".equals(request.options().get("aiGenerated"))) {
			return true;
		}
		return video.digitalSourceType().map(type -> type.endsWith("trainedAlgorithmicMedia")
				|| type.endsWith("compositeSynthetic") || type.endsWith("algorithmicMedia")).orElse(false);
	}

	private static String option(PublishRequest request, String name, String fallback) {
		var value = request.options().get(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
