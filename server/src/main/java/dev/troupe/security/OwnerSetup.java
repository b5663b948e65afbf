package dev.troupe.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one-time setup code that guards first-run owner creation (ADR 0012). Whoever reaches a fresh Troupe
 * first over the network must not become its owner: the code is printed in the log at start, which only the
 * person who started Troupe can read, and it is forgotten once the owner exists. Each start prints a new one.
 */
@Component
class OwnerSetup {

	private static final Logger log = LoggerFactory.getLogger(OwnerSetup.class);
	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

	private final AtomicReference<String> code = new AtomicReference<>();
	private final String publicUrl;

	OwnerSetup(@Value("${troupe.public-url:http://localhost:8080}") String publicUrl) {
		this.publicUrl = publicUrl;
	}

	/** Generates a code (20 characters, 100 bits) and prints it. */
	void announce() {
		var random = new SecureRandom();
		var text = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			if (i > 0 && i % 5 == 0) {
				text.append('-');
			}
			text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		code.set(text.toString());
		log.warn("No users yet. Open {} and create the owner account with this one-time setup code: {}", publicUrl,
				text);
	}

	boolean matches(String candidate) {
		var expected = code.get();
		if (expected == null || candidate == null) {
			return false;
		}
		var normalized = candidate.trim().toUpperCase(java.util.Locale.ROOT);
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), normalized.getBytes(StandardCharsets.UTF_8));
	}

	void used() {
		code.set(null);
	}
}
