package dev.troupe.generation.backend.comfyui;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owners' templates, stored as the JSON they imported. */
@Repository
class ImportedTemplates {

	private final JdbcClient jdbc;

	ImportedTemplates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void save(String name, String json, String sha256, String actor) {
		jdbc.sql("""
				insert into generation_comfyui_templates (name, json, sha256, created_by, created_at)
				values (?, ?, ?, ?, now())
				on conflict (name) do update set json = excluded.json, sha256 = excluded.sha256,
				    created_by = excluded.created_by, created_at = excluded.created_at""")
			.params(name, json, sha256, actor).update();
	}

	Optional<String> find(String name) {
		return jdbc.sql("select json from generation_comfyui_templates where name = ?").param(name).query(String.class)
			.optional();
	}

	List<String> all() {
		return jdbc.sql("select json from generation_comfyui_templates order by name").query(String.class).list();
	}

	boolean delete(String name) {
		return jdbc.sql("delete from generation_comfyui_templates where name = ?").param(name).update() == 1;
	}
}
