package dev.troupe.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import dev.troupe.database.BundledPostgres;
import dev.troupe.support.IntegrationTest;
import dev.troupe.support.TestImages;

/**
 * {@code backup} of the running application's bundled database (reached beside the running Troupe, in one
 * snapshot) and media, {@code restore} into a fresh data dir: the same rows, the same files, sequences past the
 * restored ids, and the master key nowhere in the archive. A second restore refuses to overwrite without
 * {@code --replace}.
 */
class BackupRoundTripIntegrationTests extends IntegrationTest {

	@Test
	void backupOfARunningTroupeRestoresIntoAnEmptyDataDirWithTheSameRowsAndMedia() throws Exception {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Backed Up")).json().get("id").asString();
		var image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
		image.setRGB(3, 4, Color.ORANGE.getRGB());
		var uploaded = owner.upload("/api/v1/media", "kept.png", TestImages.png(image));
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		var assetId = uploaded.json().get("id").asString();

		var work = Files.createTempDirectory("troupe-backup-");
		var archive = work.resolve("troupe.zip");
		var live = "--troupe.data-dir=" + dataDir();
		assertThat(BackupCommand.run(new String[] { "backup", archive.toString(), live }, Map.of())).isZero();

		List<String> tables;
		try (var zip = new ZipFile(archive.toFile())) {
			tables = zip.stream().map(e -> e.getName()).filter(n -> n.startsWith("database/")).toList();
			assertThat(zip.getEntry("manifest.json")).isNotNull();
			assertThat(new String(zip.getInputStream(zip.getEntry("README.txt")).readAllBytes()))
				.contains("master key is NOT in this archive");
			var keyFile = dataDir().resolve("master.key");
			var key = Files.exists(keyFile) ? Files.readString(keyFile).trim() : "no key file";
			for (var entry : zip.stream().toList()) {
				assertThat(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1))
					.as(entry.getName()).doesNotContain(key);
			}
		}
		assertThat(tables).contains("database/character_characters.copy", "database/flyway_schema_history.copy",
				"database/scheduled_tasks.copy", "database/event_publication.copy");

		var restored = work.resolve("restored");
		var target = "--troupe.data-dir=" + restored;
		assertThat(BackupCommand.run(new String[] { "restore", archive.toString(), target }, Map.of())).isZero();

		try (var pg = BundledPostgres.start(restored); var c = DriverManager.getConnection(pg.getJdbcUrl(),
				pg.getUsername(), pg.getPassword())) {
			assertThat(single(c, "select name from character_characters where id = '" + characterId + "'"))
				.isEqualTo("Backed Up");
			assertThat(single(c, "select count(*) from security_users")).isNotEqualTo("0");
			var hash = single(c, "select sha256 from media_assets where id = '" + assetId + "'");
			assertThat(hash).isNotNull();
			var file = Path.of("media", hash.substring(0, 2), hash.substring(2, 4), hash);
			assertThat(restored.resolve(file)).exists();
			for (var f : mediaFiles(restored)) {
				assertThat(Files.readAllBytes(restored.resolve(f))).as(f.toString())
					.isEqualTo(Files.readAllBytes(dataDir().resolve(f)));
			}
			// a new row after the restore gets an id past the restored ones (bigserial sequences)
			var before = single(c, "select coalesce(max(id), 0) from security_audit_log");
			c.createStatement().execute("insert into security_audit_log (at, actor, action, subject_type, subject_id) "
					+ "values (now(), 'test', 'test.restored', 'test', 'x')");
			assertThat(Long.parseLong(single(c, "select max(id) from security_audit_log")))
				.isGreaterThan(Long.parseLong(before));
		}

		assertThatThrownBy(() -> BackupCommand.run(new String[] { "restore", archive.toString(), target }, Map.of()))
			.isInstanceOf(BackupException.class).hasMessageContaining("--replace");
		assertThat(BackupCommand.run(new String[] { "restore", archive.toString(), target, "--replace" }, Map.of()))
			.isZero();
	}

	private static String single(Connection c, String sql) throws SQLException {
		try (var rs = c.createStatement().executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	private static List<Path> mediaFiles(Path dataDir) throws IOException {
		var media = dataDir.resolve("media");
		var files = new ArrayList<Path>();
		try (var walk = Files.walk(media)) {
			walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
				.forEach(f -> files.add(dataDir.relativize(f)));
		}
		files.sort(null);
		return files;
	}
}
