package dev.troupe.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the bundled server on password authentication (ADR 0005). zonky runs {@code initdb -A trust}; before the
 * postmaster starts (fresh cluster or one an older Troupe left on trust) this sets a random superuser password in
 * single-user mode, so no trusting server ever listens, and rewrites {@code pg_hba.conf} to scram-sha-256 on
 * loopback TCP only. The password lives in {@code <dataDir>/postgres.password}, readable by its owner only.
 */
final class PasswordAuthentication {

	private static final Logger log = LoggerFactory.getLogger(PasswordAuthentication.class);

	static final String PASSWORD_FILE = "postgres.password";

	/** No {@code local} line: the Unix socket is disabled anyway; loopback TCP only, never trust. */
	static final String PG_HBA = """
			# Written by Troupe: password (scram-sha-256) on loopback only. Anything else is refused.
			host all all 127.0.0.1/32 scram-sha-256
			host all all ::1/128 scram-sha-256
			""";

	private final Path passwordFile;

	/** Set when this start generated the password: the cluster must learn it, whatever pg_hba.conf says. */
	private boolean generated;

	private PasswordAuthentication(Path passwordFile) {
		this.passwordFile = passwordFile;
	}

	static PasswordAuthentication in(Path dataDirectory) {
		return new PasswordAuthentication(dataDirectory.resolve(PASSWORD_FILE));
	}

	/** The password, generated (owner-only file) on first use. */
	String password() throws IOException {
		if (Files.exists(this.passwordFile)) {
			restrictPermissions(this.passwordFile);
			return Files.readString(this.passwordFile, StandardCharsets.US_ASCII).trim();
		}
		var bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		var password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		var temporary = this.passwordFile.resolveSibling(PASSWORD_FILE + ".new");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temporary, password + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
		Files.move(temporary, this.passwordFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		this.generated = true;
		return password;
	}

	/**
	 * Called by zonky after initdb and before the postmaster starts: unless pg_hba.conf is already ours, set the
	 * password (single-user mode, no network) and then replace pg_hba.conf.
	 */
	void prepare(File pgData) {
		try {
			var hba = pgData.toPath().resolve("pg_hba.conf");
			if (!this.generated && Files.exists(hba) && Files.readString(hba).equals(PG_HBA)) {
				return;
			}
			log.info("Switching the bundled PostgreSQL in {} to password authentication", pgData);
			setPassword(pgData.toPath(), password());
			Files.writeString(hba, PG_HBA, StandardCharsets.US_ASCII);
			restrictPermissions(hba);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code postgres --single}: the statement (with the password) goes through stdin, never the command line. */
	private static void setPassword(Path pgData, String password) throws IOException {
		var command = new ArrayList<String>();
		if (LinuxUtils.isUnshareAvailable()) {
			command.addAll(List.of("unshare", "-U")); // as zonky does: postgres refuses to run as root
		}
		command.addAll(List.of(binaries().toPath().resolve("bin/postgres").toString(), "--single", "-D",
				pgData.toString(), "-c", "unix_socket_directories=", "-c", "listen_addresses=", "postgres"));
		var process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (var stdin = process.getOutputStream()) {
			stdin.write(("ALTER ROLE postgres PASSWORD '" + password + "';\n").getBytes(StandardCharsets.UTF_8));
		}
		var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("ERROR:")) {
				process.destroyForcibly();
				throw new IOException("Could not set the bundled PostgreSQL's password: " + output.replace(password, "***"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while setting the bundled PostgreSQL's password", ex);
		}
	}

	/** zonky's extracted binaries (the same cached directory it starts the server from). */
	private static File binaries() throws IOException {
		try {
			Method prepare = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries",
					PgBinaryResolver.class, File.class);
			prepare.setAccessible(true);
			return (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IOException("Cannot locate the bundled PostgreSQL binaries", ex);
		}
	}

	private static void restrictPermissions(Path file) throws IOException {
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
	}

}
