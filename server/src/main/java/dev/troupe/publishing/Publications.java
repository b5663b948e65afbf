package dev.troupe.publishing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.troupe.publishing.Publication.State;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publication rows and their attempts. Every transition is a conditional UPDATE from the states it may come
 * from, so two nodes (or a retry racing a person's click) cannot both move one publication.
 */
@Repository
class Publications {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Publications(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Creates or re-arms the publication of a post on a channel (unique per pair). */
	UUID upsert(UUID postId, UUID channelId, Instant dueAt) {
		return jdbc.sql("""
				insert into publishing_publications (id, post_id, channel_id, state, due_at, idempotency_key, created_at, updated_at)
				values (?, ?, ?, 'SCHEDULED', ?, ?, now(), now())
				on conflict (post_id, channel_id) do update set state = 'SCHEDULED', due_at = excluded.due_at,
				    error = null, handle = null, updated_at = now()
				where publishing_publications.state in ('SCHEDULED', 'CANCELLED', 'FAILED', 'RETRY_WAIT', 'WAITING_FOR_CHANNEL')
				returning id""")
			.params(UUID.randomUUID(), postId, channelId, Timestamp.from(dueAt), "troupe-" + postId + "-" + channelId)
			.query(UUID.class).optional()
			.orElseThrow(() -> dev.troupe.shared.ApiProblem.conflict("state",
					"The post is already being published (or was published) on channel " + channelId));
	}

	Optional<Publication> find(UUID id) {
		return jdbc.sql(select("p.id = ?")).param(id).query(this::map).optional().map(this::withAttempts);
	}

	/** The publication alone, for the runner (attempts are only needed for display). */
	Optional<Publication> findWithoutAttempts(UUID id) {
		return jdbc.sql(select("p.id = ?")).param(id).query(this::map).optional();
	}

	/** Troupe's own publication on a channel with this platform id, if it made one. */
	Optional<Publication> byRemoteId(UUID channelId, String remoteId) {
		return jdbc.sql(select("p.channel_id = ? and p.remote_id = ?")).params(channelId, remoteId).query(this::map)
			.optional();
	}

	/** When the first and the latest attempt started; both empty before the first attempt. */
	record AttemptSpan(Optional<Instant> first, Optional<Instant> last) {
	}

	AttemptSpan attemptSpan(UUID id) {
		return jdbc.sql("select min(started_at) as first, max(started_at) as last from publishing_attempts "
				+ "where publication_id = ?").param(id)
			.query((rs, n) -> new AttemptSpan(instant(rs.getTimestamp("first")), instant(rs.getTimestamp("last"))))
			.single();
	}

	private static Optional<Instant> instant(Timestamp at) {
		return Optional.ofNullable(at).map(Timestamp::toInstant);
	}

	List<Publication> ofPost(UUID postId) {
		return jdbc.sql(select("p.post_id = ?") + " order by p.due_at").param(postId).query(this::map).list().stream()
			.map(this::withAttempts).toList();
	}

	/** Publications due in a time range, for the calendar (post details are added by the caller). */
	List<Publication> dueBetween(Instant from, Instant to, UUID characterId, UUID channelId) {
		// only the filters given, so PostgreSQL can use (channel_id, due_at) for a channel or a character's channels
		// instead of scanning every channel's publications in the range (ApiLoadBenchmark)
		var where = new StringBuilder("p.due_at >= ? and p.due_at < ? and p.state <> 'CANCELLED'");
		var params = new ArrayList<Object>(List.of(Timestamp.from(from), Timestamp.from(to)));
		if (channelId != null) {
			where.append(" and p.channel_id = ?");
			params.add(channelId);
		}
		if (characterId != null) {
			where.append(" and p.channel_id in (select id from publishing_channels where character_id = ?)");
			params.add(characterId);
		}
		return jdbc.sql(select(where + " order by p.due_at limit 2000")).params(params).query(this::map).list();
	}

	/** When a channel already has something scheduled, so queueing skips taken slots. */
	List<Instant> takenSlots(UUID channelId) {
		return jdbc.sql("""
				select due_at from publishing_publications where channel_id = ?
				  and state not in ('PUBLISHED', 'FAILED', 'CANCELLED')""").param(channelId)
			.query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
	}

	/** Moves to {@code to} if the publication is in one of {@code from}; true when it moved. */
	boolean move(UUID id, State to, List<State> from, String error) {
		return jdbc.sql("update publishing_publications set state = ?, error = ?, updated_at = now() where id = ? and state = any(?)")
			.params(to.name(), error, id, from.stream().map(State::name).toArray(String[]::new)).update() == 1;
	}

	/**
	 * Claims the publication for sending: only if it is still in a sendable state and still due by the database's
	 * clock, in one statement. A person who rescheduled it while its media was being prepared wins.
	 */
	boolean claim(UUID id) {
		return jdbc.sql("""
				update publishing_publications set state = 'IN_FLIGHT', error = null, updated_at = now()
				where id = ? and state in ('SCHEDULED', 'DUE', 'RETRY_WAIT') and due_at <= now()""").param(id).update() == 1;
	}

	/** What a finishing run sees under the row lock: the state and due time a person may have changed meanwhile. */
	Optional<Due> lockForCompletion(UUID id) {
		return jdbc.sql("select state, due_at from publishing_publications where id = ? for update").param(id)
			.query((rs, n) -> new Due(State.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant())).optional();
	}

	record Due(State state, Instant dueAt) {

		/** States a due-time task sends from: these must always have a task instance. */
		boolean sendable() {
			return state == State.SCHEDULED || state == State.DUE || state == State.RETRY_WAIT;
		}
	}

	/**
	 * Non-final publications without a task instance: nothing would ever move them. WAITING_FOR_CHANNEL counts
	 * only when its channel is usable again, UNCONFIRMED only before a person was asked to decide (after that it
	 * rests on purpose).
	 */
	List<Orphan> orphans(String taskName, int limit) {
		return jdbc.sql("""
				select p.id, p.state, p.due_at from publishing_publications p join publishing_channels c on c.id = p.channel_id
				where p.state not in ('PUBLISHED', 'FAILED', 'CANCELLED')
				  and (p.state <> 'WAITING_FOR_CHANNEL' or c.status = 'OK')
				  and (p.state <> 'UNCONFIRMED' or coalesce(p.handle ->> 'unconfirmed', '') <> 'notified')
				  and not exists (select 1 from scheduled_tasks t where t.task_name = ? and t.task_instance = p.id::text)
				order by p.due_at limit ?""").params(taskName, limit)
			.query((rs, n) -> new Orphan(rs.getObject(1, UUID.class), State.valueOf(rs.getString(2)),
					rs.getTimestamp(3).toInstant()))
			.list();
	}

	record Orphan(UUID id, State state, Instant dueAt) {
	}

	boolean retryAt(UUID id, Instant when, String reason) {
		return jdbc.sql("""
				update publishing_publications set state = 'RETRY_WAIT', due_at = ?, error = ?, updated_at = now()
				where id = ? and state = 'IN_FLIGHT'""").params(Timestamp.from(when), reason, id).update() == 1;
	}

	boolean published(UUID id, String remoteId, String url) {
		return jdbc.sql("""
				update publishing_publications set state = 'PUBLISHED', remote_id = ?, url = ?, error = null, handle = null,
				    updated_at = now()
				where id = ? and state in ('IN_FLIGHT', 'PENDING', 'UNCONFIRMED', 'FAILED')""").params(remoteId, url, id).update() == 1;
	}

	/** Merges into the stored handle (an upload handle and a notification marker can live side by side). */
	void handle(UUID id, Map<String, String> handle) {
		jdbc.sql("update publishing_publications set handle = coalesce(handle, '{}'::jsonb) || cast(? as jsonb) where id = ?")
			.params(json.writeValueAsString(handle), id).update();
	}

	/** Forgets that a person was already told about this publication, so a new problem is reported again. */
	void clearMarkers(UUID id) {
		jdbc.sql("update publishing_publications set handle = handle - 'unconfirmed' where id = ?").param(id).update();
	}

	/** Transient failures in a row at the end of the attempt history: what the retry limit counts. */
	int trailingTransientAttempts(UUID id) {
		var outcomes = jdbc.sql("select coalesce(outcome, '') from publishing_attempts where publication_id = ? order by number desc")
			.param(id).query(String.class).list();
		int count = 0;
		for (var outcome : outcomes) {
			if (!outcome.equals("TRANSIENT") && !outcome.isEmpty()) {
				break;
			}
			count++;
		}
		return count;
	}

	boolean hasAny(UUID channelId) {
		return jdbc.sql("select exists (select 1 from publishing_publications where channel_id = ?)").param(channelId)
			.query(Boolean.class).single();
	}

	int startAttempt(UUID id) {
		return jdbc.sql("""
				insert into publishing_attempts (publication_id, number, started_at)
				values (?, (select coalesce(max(number), 0) + 1 from publishing_attempts where publication_id = ?), now())
				returning number""").params(id, id).query(Integer.class).single();
	}

	void finishAttempt(UUID id, String outcome, String detail) {
		jdbc.sql("""
				update publishing_attempts set finished_at = now(), outcome = ?, detail = ?
				where publication_id = ? and number = (select max(number) from publishing_attempts where publication_id = ?)""")
			.params(outcome, detail, id, id).update();
	}

	/** Publications of a channel waiting for it to be reconnected go back to their schedule. */
	List<UUID> releaseWaiting(UUID channelId) {
		return jdbc.sql("""
				update publishing_publications set state = 'SCHEDULED', updated_at = now()
				where channel_id = ? and state = 'WAITING_FOR_CHANNEL' returning id""").param(channelId)
			.query(UUID.class).list();
	}

	boolean hasActive(UUID channelId) {
		return jdbc.sql("""
				select exists (select 1 from publishing_publications where channel_id = ?
				  and state not in ('PUBLISHED', 'FAILED', 'CANCELLED'))""").param(channelId).query(Boolean.class).single();
	}

	List<State> statesOfPost(UUID postId) {
		return jdbc.sql("select state from publishing_publications where post_id = ?").param(postId).query(String.class).list()
			.stream().map(State::valueOf).toList();
	}

	private static String select(String where) {
		return """
				select p.*, c.platform from publishing_publications p join publishing_channels c on c.id = p.channel_id
				where """ + " " + where;
	}

	private Publication map(ResultSet rs, int row) throws SQLException {
		var handle = rs.getString("handle");
		return new Publication(rs.getObject("id", UUID.class), rs.getObject("post_id", UUID.class),
				rs.getObject("channel_id", UUID.class), rs.getString("platform"), State.valueOf(rs.getString("state")),
				rs.getTimestamp("due_at").toInstant(), rs.getString("idempotency_key"), rs.getString("remote_id"),
				rs.getString("url"), rs.getString("error"),
				handle == null ? Map.of() : json.readValue(handle, new TypeReference<Map<String, String>>() {
				}), List.of());
	}

	private Publication withAttempts(Publication p) {
		var attempts = new ArrayList<>(jdbc.sql("""
				select number, started_at, finished_at, outcome, detail from publishing_attempts
				where publication_id = ? order by number""").param(p.id())
			.query((rs, n) -> new Publication.Attempt(rs.getInt(1), rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)))
			.list());
		return new Publication(p.id(), p.postId(), p.channelId(), p.platform(), p.state(), p.dueAt(), p.idempotencyKey(),
				p.remoteId(), p.url(), p.error(), p.handle(), attempts);
	}

}
