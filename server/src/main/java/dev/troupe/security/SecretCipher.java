package dev.troupe.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (backend API keys, later platform tokens) with AES-256-GCM. The master key comes
 * from TROUPE_MASTER_KEY (base64 of 32 bytes) or, when unset, from {@code <data dir>/master.key}, generated
 * on first use with owner-only permissions. Losing the key makes stored secrets unreadable: back it up.
 */
@Component
public class SecretCipher {

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
	private static final String VERSION = "v1:";
	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	SecretCipher(@Value("${troupe.master-key:}") String masterKey, @Value("${troupe.data-dir:./data}") Path dataDir) {
		this.key = new SecretKeySpec(masterKey.isBlank() ? keyFile(dataDir.resolve("master.key")) : decode(masterKey),
				"AES");
	}

	public String encrypt(String plaintext) {
		try {
			var nonce = new byte[12];
			RANDOM.nextBytes(nonce);
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
			var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce)
				.put(sealed).array());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Encryption failed", e);
		}
	}

	public String decrypt(String stored) {
		if (!stored.startsWith(VERSION)) {
			throw new IllegalArgumentException("Not a Troupe secret");
		}
		try {
			var bytes = Base64.getDecoder().decode(stored.substring(VERSION.length()));
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
			return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(
					"A stored secret cannot be decrypted: was TROUPE_MASTER_KEY or master.key changed?", e);
		}
	}

	private static byte[] decode(String base64) {
		var bytes = Base64.getDecoder().decode(base64.trim());
		if (bytes.length != 32) {
			throw new IllegalStateException("TROUPE_MASTER_KEY must be base64 of 32 random bytes (openssl rand -base64 32)");
		}
		return bytes;
	}

	private static byte[] keyFile(Path file) {
		try {
			if (Files.exists(file)) {
				return decode(Files.readString(file));
			}
			Files.createDirectories(file.getParent());
			var bytes = new byte[32];
			RANDOM.nextBytes(bytes);
			var temp = Files.createTempFile(file.getParent(), ".master", ".tmp");
			try {
				Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException e) {
				// not a POSIX file system: rely on the data directory's own permissions
			}
			Files.writeString(temp, Base64.getEncoder().encodeToString(bytes));
			Files.move(temp, file);
			log.warn("TROUPE_MASTER_KEY is not set: generated {} to encrypt stored secrets. Back it up with the data.",
					file.toAbsolutePath());
			return bytes;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the master key " + file, e);
		}
	}
}
