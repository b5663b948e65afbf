package dev.troupe.generation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.troupe.generation.GenerationJob.JobProgress;
import dev.troupe.generation.GenerationJob.Output;
import dev.troupe.generation.spi.RemoteJob;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job rows. State changes are single conditional UPDATEs so a job cannot be finished twice or revived after
 * it was cancelled, whichever node gets there first.
 */
@Repository
class GenerationJobs {

	private static final String COLUMNS = """
			id, character_id, kind, status, input, task, backend_id, remote, attempts, progress,
			preview is not null as has_preview, error, outputs, text, structured, created_by, created_at,
			started_at, finished_at""";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	GenerationJobs(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(UUID id, UUID characterId, GenerationKind kind, JsonNode input, JsonNode task, String createdBy) {
		jdbc.sql("""
				insert into generation_jobs (id, character_id, kind, status, input, task, created_by, created_at, updated_at)
				values (?, ?, ?, 'QUEUED', cast(? as jsonb), cast(? as jsonb), ?, now(), now())""")
			.params(id, characterId, kind.name(), json.writeValueAsString(input), json.writeValueAsString(task), createdBy)
			.update();
	}

	/** The succeeded voice job of this character that produced the audio asset: a voice line Troupe made. */
	Optional<GenerationJob> voiceLine(UUID characterId, UUID assetId) {
		return jdbc.sql("select " + COLUMNS + """
				 from generation_jobs
				where character_id = ? and kind = 'VOICE' and status = 'SUCCEEDED'
				  and outputs @> cast(? as jsonb)
				limit 1""")
			.params(characterId, json.writeValueAsString(List.of(Map.of("assetId", assetId.toString()))))
			.query(this::map).optional();
	}

	Optional<GenerationJob> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from generation_jobs where id = ?").param(id).query(this::map).optional();
	}

	List<GenerationJob> list(UUID characterId, JobStatus status, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from generation_jobs
				where (cast(? as uuid) is null or character_id = ?) and (cast(? as varchar) is null or status = ?)
				order by created_at desc limit ?""")
			.params(characterId, characterId, status == null ? null : status.name(),
					status == null ? null : status.name(), limit)
			.query(this::map).list();
	}

	/** Jobs currently bound to each backend (running on it or queued in its server-side queue). */
	int runningOn(String backendId) {
		return jdbc.sql("select count(*) from generation_jobs where backend_id = ? and status = 'RUNNING'")
			.param(backendId).query(Integer.class).single();
	}

	int queued() {
		return jdbc.sql("select count(*) from generation_jobs where status = 'QUEUED'").query(Integer.class).single();
	}

	/**
	 * Binds a queued job to a backend if the backend has a free slot. An advisory lock per backend makes the
	 * count-then-claim atomic across nodes. Must run inside a transaction.
	 */
	boolean claim(UUID id, String backendId, int maxConcurrent) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("troupe-backend:" + backendId).query().singleRow();
		if (runningOn(backendId) >= maxConcurrent) {
			return false;
		}
		return jdbc.sql("""
				update generation_jobs set status = 'RUNNING', backend_id = ?, attempts = attempts + 1,
				    started_at = coalesce(started_at, now()), error = null, updated_at = now()
				where id = ? and status = 'QUEUED'""").params(backendId, id).update() == 1;
	}

	/** Counts a resumption as an attempt; returns the new count. */
	int resumed(UUID id) {
		return jdbc.sql("update generation_jobs set attempts = attempts + 1, updated_at = now() where id = ? returning attempts")
			.param(id).query(Integer.class).single();
	}

	void remote(UUID id, RemoteJob remote) {
		jdbc.sql("update generation_jobs set remote = cast(? as jsonb), updated_at = now() where id = ? and status = 'RUNNING'")
			.params(json.writeValueAsString(remote), id).update();
	}

	void progress(UUID id, JobProgress progress, byte[] preview) {
		jdbc.sql("""
				update generation_jobs set progress = cast(? as jsonb), preview = coalesce(?, preview), updated_at = now()
				where id = ? and status = 'RUNNING'""")
			.params(json.writeValueAsString(progress), preview, id).update();
	}

	/** Back to the queue for another attempt (on any backend), keeping the reason visible meanwhile. */
	boolean requeue(UUID id, String reason) {
		return jdbc.sql("""
				update generation_jobs set status = 'QUEUED', backend_id = null, remote = null, error = ?,
				    progress = '{"fraction":0}', preview = null, updated_at = now()
				where id = ? and status = 'RUNNING'""").params(reason, id).update() == 1;
	}

	boolean succeed(UUID id, List<Output> outputs, String text, JsonNode structured) {
		return jdbc.sql("""
				update generation_jobs set status = 'SUCCEEDED', outputs = cast(? as jsonb), text = ?,
				    structured = cast(? as jsonb), error = null, finished_at = now(), updated_at = now(),
				    progress = '{"fraction":1}'
				where id = ? and status = 'RUNNING'""")
			.params(json.writeValueAsString(outputs), text, structured == null ? null : json.writeValueAsString(structured), id)
			.update() == 1;
	}

	boolean fail(UUID id, String reason) {
		return jdbc.sql("""
				update generation_jobs set status = 'FAILED', error = ?, finished_at = now(), updated_at = now()
				where id = ? and status in ('QUEUED', 'RUNNING')""").params(reason, id).update() == 1;
	}

	boolean cancel(UUID id) {
		return jdbc.sql("""
				update generation_jobs set status = 'CANCELLED', finished_at = now(), updated_at = now()
				where id = ? and status in ('QUEUED', 'RUNNING')""").param(id).update() == 1;
	}

	Optional<byte[]> preview(UUID id) {
		return jdbc.sql("select preview from generation_jobs where id = ? and preview is not null").param(id)
			.query(byte[].class).optional();
	}

	/** A cheap change marker for streams: changes whenever the row does. */
	Optional<Instant> updatedAt(UUID id) {
		return jdbc.sql("select updated_at from generation_jobs where id = ?").param(id).query(Timestamp.class)
			.optional().map(Timestamp::toInstant);
	}

	Optional<UUID> oldestQueued() {
		return jdbc.sql("select id from generation_jobs where status = 'QUEUED' order by created_at limit 1")
			.query(UUID.class).optional();
	}

	long countForCharacter(UUID characterId, GenerationKind kind) {
		return jdbc.sql("select count(*) from generation_jobs where character_id = ? and kind = ?")
			.params(characterId, kind.name()).query(Long.class).single();
	}

	private GenerationJob map(ResultSet rs, int row) throws SQLException {
		var progress = json.readTree(rs.getString("progress"));
		var remote = rs.getString("remote");
		var structured = rs.getString("structured");
		return new GenerationJob(rs.getObject("id", UUID.class), rs.getObject("character_id", UUID.class),
				GenerationKind.valueOf(rs.getString("kind")), JobStatus.valueOf(rs.getString("status")),
				json.readTree(rs.getString("input")), json.readTree(rs.getString("task")), rs.getString("backend_id"),
				remote == null ? null : json.readValue(remote, RemoteJob.class), rs.getInt("attempts"),
				new JobProgress(progress.path("fraction").asDouble(0), integer(progress, "step"),
						integer(progress, "total"), progress.path("node").asString(null), rs.getBoolean("has_preview")),
				rs.getString("error"), json.readValue(rs.getString("outputs"), new TypeReference<List<Output>>() {
				}), rs.getString("text"), structured == null ? null : json.readTree(structured),
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"));
	}

	private static Integer integer(JsonNode node, String field) {
		var value = node.get(field);
		return value == null || value.isNull() ? null : value.asInt();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}
}
