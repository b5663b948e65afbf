package dev.troupe.publishing.platform.youtube;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link UploadAllowance} in PostgreSQL: one row per channel and Pacific day. */
@Repository
class UploadLedger implements UploadAllowance {

	private final JdbcClient jdbc;

	UploadLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int used(UUID channelId, LocalDate pacificDay) {
		return jdbc.sql("select inserts from publishing_youtube_inserts where channel_id = ? and pacific_day = ?")
			.params(channelId, pacificDay).query(Integer.class).optional().orElse(0);
	}

	@Override
	public void count(UUID channelId, LocalDate pacificDay) {
		jdbc.sql("""
				insert into publishing_youtube_inserts (channel_id, pacific_day, inserts) values (?, ?, 1)
				on conflict (channel_id, pacific_day) do update set inserts = publishing_youtube_inserts.inserts + 1""")
			.params(channelId, pacificDay).update();
	}
}
