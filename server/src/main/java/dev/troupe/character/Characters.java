package dev.troupe.character;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.json.JsonMapper;

/**
 * Character rows. Persona, visual, voice and preferences are jsonb documents: they are always read and
 * written whole, and jsonb keeps a card's unknown keys exactly as they came.
 */
@Repository
class Characters {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Characters(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<Character> search(String query) {
		if (query == null || query.isBlank()) {
			return jdbc.sql("select * from character_characters order by lower(name), id").query(this::map).list();
		}
		var like = "%" + query.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return jdbc.sql("""
				select * from character_characters
				where lower(name) like ? or lower(handle) like ? order by lower(name), id""")
				.params(like, like).query(this::map).list();
	}

	Optional<Character> findById(UUID id) {
		return jdbc.sql("select * from character_characters where id = ?").param(id).query(this::map).optional();
	}

	boolean handleTaken(String handle) {
		return jdbc.sql("select exists (select 1 from character_characters where lower(handle) = lower(?))")
				.param(handle).query(Boolean.class).single();
	}

	void insert(Character c, String createdBy) {
		try {
			jdbc.sql("""
					insert into character_characters (id, version, name, handle, bio, avatar_asset_id, language,
					    time_zone, persona, visual, voice, preferences, created_by, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb),
					    cast(? as jsonb), ?, ?, ?)""")
					.params(c.id(), c.version(), c.name(), c.handle(), c.bio(), c.avatarAssetId(), c.language(),
							c.timeZone(), write(c.persona()), write(c.visual()), write(c.voice()),
							write(c.preferences()), createdBy, Timestamp.from(c.createdAt()),
							Timestamp.from(c.updatedAt()))
					.update();
		}
		catch (DuplicateKeyException e) {
			throw handleConflict(c.handle());
		}
	}

	/** Saves {@code c} if nobody changed the row since {@code expectedVersion}; returns false otherwise. */
	boolean update(Character c, int expectedVersion) {
		try {
			return jdbc.sql("""
					update character_characters set version = ?, name = ?, handle = ?, bio = ?, avatar_asset_id = ?,
					    language = ?, time_zone = ?, persona = cast(? as jsonb), visual = cast(? as jsonb),
					    voice = cast(? as jsonb), preferences = cast(? as jsonb), updated_at = ?
					where id = ? and version = ?""")
					.params(c.version(), c.name(), c.handle(), c.bio(), c.avatarAssetId(), c.language(), c.timeZone(),
							write(c.persona()), write(c.visual()), write(c.voice()), write(c.preferences()),
							Timestamp.from(c.updatedAt()), c.id(), expectedVersion)
					.update() == 1;
		}
		catch (DuplicateKeyException e) {
			throw handleConflict(c.handle());
		}
	}

	boolean delete(UUID id, int expectedVersion) {
		return jdbc.sql("delete from character_characters where id = ? and version = ?").params(id, expectedVersion)
				.update() == 1;
	}

	static ApiProblem handleConflict(String handle) {
		return ApiProblem.conflict("handle", "The handle '" + handle + "' is already used by another character");
	}

	private String write(Object value) {
		return json.writeValueAsString(value);
	}

	private Character map(ResultSet rs, int row) throws SQLException {
		return new Character(rs.getObject("id", UUID.class), rs.getInt("version"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getString("name"), rs.getString("handle"), rs.getString("bio"),
				rs.getObject("avatar_asset_id", UUID.class), rs.getString("language"), rs.getString("time_zone"),
				json.readValue(rs.getString("persona"), Persona.class),
				json.readValue(rs.getString("visual"), VisualIdentity.class),
				json.readValue(rs.getString("voice"), VoiceIdentity.class),
				json.readValue(rs.getString("preferences"), ContentPreferences.class));
	}
}
