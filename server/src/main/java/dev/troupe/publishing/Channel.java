package dev.troupe.publishing;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.troupe.publishing.spi.AccountInfo;

/**
 * One connected account of a character on one platform. Credentials are only ever held encrypted here
 * ({@code credentialsCipher}) and never leave through the API.
 */
record Channel(UUID id, UUID characterId, String platform, String name, URI baseUrl,
		@JsonIgnore String credentialsCipher, Map<String, String> settings, boolean autoApprove, List<Slot> queueSlots,
		Status status, String statusReason, AccountInfo account, Instant blockedUntil, Instant createdAt) {

	enum Status {
		OK, NEEDS_RECONNECT
	}

	/** A weekly queue slot in the character's time zone. */
	record Slot(DayOfWeek day, LocalTime time) {
	}

	public boolean hasCredentials() {
		return credentialsCipher != null;
	}
}
