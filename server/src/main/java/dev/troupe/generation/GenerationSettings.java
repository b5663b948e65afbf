package dev.troupe.generation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Generation settings ({@code troupe.generation.*}).
 *
 * @param backends servers from configuration (more can be added in the dashboard)
 * @param maxAttempts attempts per job before it fails, across backends, for retryable failures
 * @param imageTimeout longest wait for one image job
 * @param videoTimeout longest wait for one video job (and one talking clip)
 * @param textTimeout longest wait for one caption or plan
 * @param voiceTimeout longest wait for one voice clip
 * @param healthInterval how often every backend is checked in the background
 * @param retryBackoff wait before a failed attempt is tried again
 */
@ConfigurationProperties("troupe.generation")
record GenerationSettings(@DefaultValue List<BackendDefinition> backends, @DefaultValue("3") int maxAttempts,
		@DefaultValue("15m") Duration imageTimeout, @DefaultValue("45m") Duration videoTimeout,
		@DefaultValue("5m") Duration textTimeout, @DefaultValue("5m") Duration voiceTimeout,
		@DefaultValue("30s") Duration healthInterval, @DefaultValue("2s") Duration retryBackoff) {

	/**
	 * One configured server.
	 *
	 * @param maxConcurrent jobs bound to the server at once; 2 keeps a GPU fed (one running, one queued on the
	 * server), more only helps servers that batch
	 */
	record BackendDefinition(String id, String type, URI baseUrl, String apiKey, @DefaultValue("2") int maxConcurrent,
			@DefaultValue("true") boolean enabled, @DefaultValue Map<String, String> options) {

		@Override
		public String toString() {
			return "BackendDefinition[id=" + id + ", type=" + type + ", baseUrl=" + baseUrl + "]"; // never the key
		}
	}

	Duration timeoutFor(GenerationKind kind) {
		return switch (kind) {
			case IMAGE -> imageTimeout;
			case VIDEO, TALKING_CLIP -> videoTimeout;
			case CAPTION, CONTENT_PLAN -> textTimeout;
			case VOICE -> voiceTimeout;
		};
	}
}
