package dev.troupe.publishing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.troupe.content.ChannelRules;
import dev.troupe.content.Post;
import dev.troupe.media.MediaManagement;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.ReplyTarget;
import dev.troupe.shared.ApiProblem.FieldProblem;

/** Answers content's questions about channels with each channel's platform adapter. */
@Component
class ChannelRulesAdapter implements ChannelRules {

	private final Channels channels;
	private final Platforms platforms;
	private final MediaManagement media;

	ChannelRulesAdapter(Channels channels, Platforms platforms, MediaManagement media) {
		this.channels = channels;
		this.platforms = platforms;
		this.media = media;
	}

	@Override
	public List<FieldProblem> validate(Post post) {
		var problems = new ArrayList<FieldProblem>();
		var infos = post.media().stream().map(m -> {
			var asset = media.get(m.assetId());
			return new PostDraft.MediaInfo(asset.contentType(), asset.size(), asset.width(), asset.height(), m.altText());
		}).toList();
		for (var channelId : post.channelIds()) {
			var channel = channels.find(channelId).orElse(null);
			if (channel == null || !channel.characterId().equals(post.characterId())) {
				problems.add(new FieldProblem("channels." + channelId, "is not a channel of this character"));
				continue;
			}
			var platform = platforms.of(channel.platform());
			var draft = new PostDraft(post.captionFor(channelId), infos, replyTarget(post));
			for (var v : platform.validate(draft, platforms.context(channel))) {
				problems.add(new FieldProblem("channels." + channelId + "." + v.field(), v.reason()));
			}
		}
		return problems;
	}

	static ReplyTarget replyTarget(Post post) {
		return post.replyTo() == null ? null : new ReplyTarget(post.replyTo().remoteId(), post.replyTo().refs());
	}

	/** Generic channel settings, any platform: {@code disclosure} (the channel's line), {@code disclosureRequired=false}. */
	@Override
	public Disclosure disclosure(UUID channelId) {
		var settings = channels.find(channelId).map(Channel::settings).orElse(Map.of());
		return new Disclosure(!"false".equalsIgnoreCase(settings.getOrDefault("disclosureRequired", "true").strip()),
				settings.getOrDefault("disclosure", ""));
	}

	@Override
	public boolean autoApproves(List<UUID> channelIds) {
		return !channelIds.isEmpty()
				&& channelIds.stream().allMatch(id -> channels.find(id).map(Channel::autoApprove).orElse(false));
	}
}
