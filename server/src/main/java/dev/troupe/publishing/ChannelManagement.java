package dev.troupe.publishing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.character.CharacterManagement;
import dev.troupe.publishing.PublishingEvents.ChannelChanged;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import dev.troupe.shared.ApiProblem.FieldProblem;

/**
 * Connecting, changing, verifying and removing channels. Turning auto-approval on is an owner's decision and
 * is audited like every other change.
 */
@Service
@Transactional
class ChannelManagement {

	private final Channels channels;
	private final Platforms platforms;
	private final CharacterManagement characters;
	private final Publications publications;
	private final ApplicationEventPublisher events;
	private final PublicationTasks tasks;
	private final dev.troupe.security.AllowedHosts allowedHosts;

	ChannelManagement(Channels channels, Platforms platforms, CharacterManagement characters, Publications publications,
			ApplicationEventPublisher events, PublicationTasks tasks, dev.troupe.security.AllowedHosts allowedHosts) {
		this.allowedHosts = allowedHosts;
		this.tasks = tasks;
		this.channels = channels;
		this.platforms = platforms;
		this.characters = characters;
		this.publications = publications;
		this.events = events;
	}

	record ChannelInput(UUID characterId, String platform, String name, String baseUrl, Map<String, String> credentials,
			Map<String, String> settings, Boolean autoApprove, List<Channel.Slot> queueSlots) {
	}

	Channel create(ChannelInput in) {
		if (in.characterId() == null) {
			throw ApiProblem.badRequest("characterId", "is required");
		}
		characters.get(in.characterId());
		checkForm(platforms.of(in.platform()), in, true);
		var channel = new Channel(UUID.randomUUID(), in.characterId(), in.platform(), name(in.name(), in.platform()),
				url(in.baseUrl()), platforms.encrypt(in.credentials()), in.settings() == null ? Map.of() : in.settings(),
				Boolean.TRUE.equals(in.autoApprove()), slots(in.queueSlots()), Channel.Status.OK, null, null, null,
				Instant.now());
		channels.save(channel);
		events.publishEvent(new ChannelChanged(channel.id(), Actors.current(), "channel.created",
				Map.of("platform", channel.platform(), "autoApprove", channel.autoApprove())));
		return readyAtOnce(channel);
	}

	/**
	 * A platform that needs no account (it is Troupe's own) has nothing to verify against a remote service: its
	 * account is known the moment the channel exists, so nobody is asked to press Verify first.
	 */
	private Channel readyAtOnce(Channel c) {
		var platform = platforms.of(c.platform());
		if (platform.descriptor().connect().kind() != PlatformDescriptor.ConnectKind.NONE) {
			return c;
		}
		try {
			var account = platform.verify(platforms.context(c));
			var ready = new Channel(c.id(), c.characterId(), c.platform(), c.name(), c.baseUrl(), c.credentialsCipher(),
					c.settings(), c.autoApprove(), c.queueSlots(), Channel.Status.OK, null, account, c.blockedUntil(),
					c.createdAt());
			channels.save(ready);
			return ready;
		}
		catch (PlatformException e) {
			return c; // Verify will say what is wrong
		}
	}

	Channel update(UUID id, ChannelInput in) {
		var c = get(id);
		checkForm(platforms.of(c.platform()), in, false);
		var credentials = in.credentials() == null ? c.credentialsCipher() : platforms.encrypt(in.credentials());
		var next = new Channel(c.id(), c.characterId(), c.platform(), in.name() == null ? c.name() : name(in.name(), c.platform()),
				in.baseUrl() == null ? c.baseUrl() : url(in.baseUrl()), credentials,
				in.settings() == null ? c.settings() : in.settings(),
				in.autoApprove() == null ? c.autoApprove() : in.autoApprove(),
				in.queueSlots() == null ? c.queueSlots() : slots(in.queueSlots()),
				c.status(), c.statusReason(), c.account(), c.blockedUntil(), c.createdAt()); // Verify decides the status
		channels.save(next);
		var detail = new LinkedHashMap<String, Object>();
		if (in.autoApprove() != null && in.autoApprove() != c.autoApprove()) {
			detail.put("autoApprove", in.autoApprove());
		}
		if (in.credentials() != null) {
			detail.put("credentialsReplaced", true);
		}
		events.publishEvent(new ChannelChanged(id, Actors.current(), "channel.updated", detail));
		return next;
	}

	/**
	 * Checks the credentials on the platform; success releases posts that waited for a reconnect. A refusal is
	 * answered with 422 but its NEEDS_RECONNECT status (and notification) is kept.
	 */
	@Transactional(noRollbackFor = ApiProblem.class)
	Channel verify(UUID id) {
		var c = get(id);
		var platform = platforms.of(c.platform());
		try {
			var account = platform.verify(platforms.context(c));
			var ok = new Channel(c.id(), c.characterId(), c.platform(), c.name(), c.baseUrl(), c.credentialsCipher(),
					c.settings(), c.autoApprove(), c.queueSlots(), Channel.Status.OK, null, account, c.blockedUntil(),
					c.createdAt());
			channels.save(ok);
			if (c.status() == Channel.Status.NEEDS_RECONNECT) {
				publications.releaseWaiting(id).forEach(publication -> tasks.arm(publication, Instant.now()));
			}
			return ok;
		}
		catch (PlatformException e) {
			if (e.revoked()) {
				channels.status(id, Channel.Status.NEEDS_RECONNECT, e.getMessage());
				events.publishEvent(new PublishingEvents.ChannelNeedsReconnect(id, c.characterId(), e.getMessage()));
			}
			throw ApiProblem.unprocessable("credentials", c.platform() + " refused: " + e.getMessage());
		}
	}

	void delete(UUID id) {
		get(id);
		if (publications.hasActive(id)) {
			throw ApiProblem.conflict("id", "The channel has scheduled posts; unschedule them first");
		}
		if (publications.hasAny(id)) {
			throw ApiProblem.conflict("id", "The channel has publishing history, which is kept; change its credentials or "
					+ "remove it from future posts instead");
		}
		channels.delete(id);
		events.publishEvent(new ChannelChanged(id, Actors.current(), "channel.deleted", Map.of()));
	}

	@Transactional(readOnly = true)
	Channel get(UUID id) {
		return channels.find(id).orElseThrow(() -> ApiProblem.notFound("Channel", id));
	}

	@Transactional(readOnly = true)
	List<Channel> list(UUID characterId) {
		return channels.list(characterId);
	}

	private static String name(String name, String platform) {
		if (name != null && name.trim().length() > 200) {
			throw ApiProblem.badRequest("name", "must be at most 200 characters");
		}
		return name == null || name.isBlank() ? platform : name.trim();
	}

	private static List<Channel.Slot> slots(List<Channel.Slot> slots) {
		var list = new ArrayList<Channel.Slot>();
		var errors = new ArrayList<FieldProblem>();
		for (int i = 0; slots != null && i < slots.size(); i++) {
			var slot = slots.get(i);
			if (slot == null || slot.day() == null || slot.time() == null) {
				errors.add(new FieldProblem("queueSlots[" + i + "]", "needs a day (MONDAY…SUNDAY) and a time (09:00)"));
			}
			else {
				list.add(slot);
			}
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		return list;
	}

	private void checkForm(SocialPlatform platform, ChannelInput in, boolean creating) {
		var problems = ChannelForm.check(platform.descriptor(), in, creating, allowedHosts);
		if (!problems.isEmpty()) {
			throw ApiProblem.invalid(problems);
		}
	}

	private URI url(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			var uri = new URI(value.trim());
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
				throw ApiProblem.badRequest("baseUrl", "must be an http(s) URL");
			}
			allowedHosts.check("baseUrl", uri);
			return uri;
		}
		catch (URISyntaxException e) {
			throw ApiProblem.badRequest("baseUrl", "is not a URL: " + e.getReason());
		}
	}
}
