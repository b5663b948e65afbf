package dev.troupe.publishing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.troupe.publishing.PublishingEvents.ChannelNeedsReconnect;
import dev.troupe.publishing.PublishingEvents.PublicationFailed;
import dev.troupe.publishing.PublishingEvents.PublicationUnconfirmed;

/**
 * What people must act on (failures, unconfirmed posts, channels to reconnect), shown in the dashboard. Written
 * after the publication's outcome is committed: a notification can never undo or repeat a publish.
 */
@Component
class Notifications {

	private final JdbcClient jdbc;

	Notifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Notification(long id, Instant at, String kind, String message, UUID postId, UUID channelId, boolean read) {
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(PublicationFailed event) {
		add("post.failed", "A post could not be published: " + event.reason(), event.postId(), event.channelId());
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(PublicationUnconfirmed event) {
		add("post.unconfirmed", "Troupe cannot tell whether a post was published (" + event.reason()
				+ "). Check the platform, then mark it published or publish it again.", event.postId(), event.channelId());
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(ChannelNeedsReconnect event) {
		add("channel.needs_reconnect", "A channel needs to be reconnected: " + event.reason()
				+ ". Its posts wait until it is.", null, event.channelId());
	}

	/** The latest notifications, read or unread for {@code reader}: each person keeps their own read-state. */
	List<Notification> list(boolean unreadOnly, String reader) {
		return jdbc.sql("""
				select * from (
				  select n.*, exists (select 1 from publishing_notification_reads r where r.notification_id = n.id
				                        and r.reader = ?) as read
				  from publishing_notifications n) v
				where not (? and read) order by id desc limit 200""")
			.params(reader, unreadOnly)
			.query((rs, n) -> new Notification(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("kind"),
					rs.getString("message"), rs.getObject("post_id", UUID.class), rs.getObject("channel_id", UUID.class),
					rs.getBoolean("read")))
			.list();
	}

	/** Marks it read for {@code reader} only; false when there is no such notification. */
	boolean read(long id, String reader) {
		return jdbc.sql("""
				insert into publishing_notification_reads (notification_id, reader, read_at)
				select id, ?, now() from publishing_notifications where id = ?
				on conflict (notification_id, reader) do nothing""").params(reader, id).update() == 1
				|| jdbc.sql("select exists (select 1 from publishing_notifications where id = ?)").param(id)
					.query(Boolean.class).single();
	}

	private void add(String kind, String message, UUID postId, UUID channelId) {
		jdbc.sql("insert into publishing_notifications (at, kind, message, post_id, channel_id) values (now(), ?, ?, ?, ?)")
			.params(kind, message, postId, channelId).update();
	}
}
