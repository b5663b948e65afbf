package dev.troupe.publishing;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.publishing.spi.PlatformDescriptor.MetricsSpec;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;

/**
 * What the analytics module may know and do about channels: which channels exist and whether their adapter reports
 * metrics, what was published on them, whether publishing needs the channel right now, reading metrics through the
 * adapter (credentials are decrypted here and never leave), and replacing a channel's queue slots.
 */
@Service
public class ChannelInsights {

	private final Channels channels;
	private final Platforms platforms;
	private final ChannelManagement management;
	private final JdbcClient jdbc;

	ChannelInsights(Channels channels, Platforms platforms, ChannelManagement management, JdbcClient jdbc) {
		this.channels = channels;
		this.platforms = platforms;
		this.management = management;
		this.jdbc = jdbc;
	}

	/** A channel as analytics sees it; {@code usable} is false while it needs a reconnect. */
	public record ChannelSummary(UUID id, UUID characterId, String platform, String name, boolean usable,
			Instant blockedUntil) {
	}

	/** A publication that is on its platform. {@code publishedAt}: when its publishing attempt ended. */
	public record Published(UUID publicationId, UUID postId, UUID channelId, String remoteId, String url,
			Instant publishedAt) {

		public PublishedPost post() {
			return new PublishedPost(remoteId, url, publishedAt);
		}
	}

	/** A weekly queue slot in the character's time zone. */
	public record QueueSlot(DayOfWeek day, LocalTime time) {
	}

	public List<ChannelSummary> channels(UUID characterId) {
		return channels.list(characterId).stream().map(ChannelInsights::summary).toList();
	}

	public Optional<ChannelSummary> channel(UUID id) {
		return channels.find(id).map(ChannelInsights::summary);
	}

	/** Whether the platform's adapter implements {@link PlatformInsights}. */
	public boolean reportsMetrics(String platform) {
		return platforms.knows(platform) && platforms.of(platform) instanceof PlatformInsights;
	}

	public MetricsSpec metrics(String platform) {
		return platforms.knows(platform) ? platforms.of(platform).descriptor().metrics() : MetricsSpec.NONE;
	}

	/** Publications of the channel that reached the platform after {@code since}, oldest first. */
	@Transactional(readOnly = true)
	public List<Published> published(UUID channelId, Instant since) {
		return jdbc.sql("""
				select p.id, p.post_id, p.channel_id, p.remote_id, p.url,
				       coalesce((select max(a.finished_at) from publishing_attempts a where a.publication_id = p.id), p.updated_at) as at
				from publishing_publications p
				where p.channel_id = ? and p.state = 'PUBLISHED' and p.remote_id is not null and p.updated_at >= ?
				order by at""")
			.params(channelId, Timestamp.from(since))
			.query((rs, n) -> new Published(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	/**
	 * Whether publishing needs the channel now: it is held by a rate limit, or a publication is due (or being
	 * sent) within {@code window}. Collection then waits, so it never uses up a limit publishing is about to need.
	 */
	@Transactional(readOnly = true)
	public Optional<Instant> busyUntil(UUID channelId, Duration window) {
		var channel = channels.find(channelId);
		var now = Instant.now();
		if (channel.isEmpty()) {
			return Optional.empty();
		}
		if (channel.get().blockedUntil() != null && channel.get().blockedUntil().isAfter(now)) {
			return Optional.of(channel.get().blockedUntil());
		}
		var due = jdbc.sql("""
				select max(due_at) from publishing_publications where channel_id = ?
				  and state in ('SCHEDULED', 'DUE', 'IN_FLIGHT', 'RETRY_WAIT', 'PENDING') and due_at <= ?""")
			.params(channelId, Timestamp.from(now.plus(window))).query(Timestamp.class).optional();
		return due.map(at -> {
			var after = at.toInstant().plus(window);
			return after.isAfter(now) ? after : now.plus(window);
		});
	}

	public Map<String, Map<String, Long>> publicationMetrics(UUID channelId, List<PublishedPost> posts)
			throws PlatformException {
		var channel = channels.find(channelId).orElseThrow(() -> new PlatformException("no channel " + channelId, false));
		return insights(channel).publicationMetrics(posts, platforms.context(channel));
	}

	public Map<String, Long> accountMetrics(UUID channelId) throws PlatformException {
		var channel = channels.find(channelId).orElseThrow(() -> new PlatformException("no channel " + channelId, false));
		return insights(channel).accountMetrics(platforms.context(channel));
	}

	/** Replaces the channel's queue slots (audited as a channel change) and returns them. */
	public List<QueueSlot> replaceQueueSlots(UUID channelId, List<QueueSlot> slots) {
		var input = new ChannelManagement.ChannelInput(null, null, null, null, null, null, null,
				slots.stream().map(s -> new Channel.Slot(s.day(), s.time())).toList());
		return management.update(channelId, input).queueSlots().stream().map(s -> new QueueSlot(s.day(), s.time()))
			.toList();
	}

	public List<QueueSlot> queueSlots(UUID channelId) {
		return management.get(channelId).queueSlots().stream().map(s -> new QueueSlot(s.day(), s.time())).toList();
	}

	private PlatformInsights insights(Channel channel) throws PlatformException {
		if (platforms.knows(channel.platform()) && platforms.of(channel.platform()) instanceof PlatformInsights insights) {
			return insights;
		}
		throw new PlatformException(channel.platform() + " reports no metrics", false);
	}

	private static ChannelSummary summary(Channel c) {
		return new ChannelSummary(c.id(), c.characterId(), c.platform(), c.name(), c.status() == Channel.Status.OK,
				c.blockedUntil());
	}
}
