package dev.troupe.publishing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.troupe.character.CharacterManagement;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.security.SecretCipher;
import dev.troupe.shared.ApiProblem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform adapters this server has (every {@link SocialPlatform} bean), and the decrypted context of a
 * channel for calling one. Credentials are decrypted only here, right before a call.
 */
@Component
class Platforms {

	private final Map<String, SocialPlatform> byType = new TreeMap<>();
	private final SecretCipher cipher;
	private final JsonMapper json;
	private final CharacterManagement characters;
	private final Map<UUID, CachedHandle> handles = new ConcurrentHashMap<>();

	Platforms(List<SocialPlatform> platforms, SecretCipher cipher, JsonMapper json, CharacterManagement characters) {
		for (var platform : platforms) {
			if (!platform.type().equals(platform.descriptor().type())) {
				throw new IllegalStateException(platform.getClass().getName() + " is type '" + platform.type()
						+ "' but describes itself as '" + platform.descriptor().type() + "'");
			}
			byType.put(platform.type(), platform);
		}
		this.cipher = cipher;
		this.json = json;
		this.characters = characters;
	}

	List<String> types() {
		return List.copyOf(byType.keySet());
	}

	List<PlatformDescriptor> descriptors() {
		return byType.values().stream().map(SocialPlatform::descriptor).toList();
	}

	boolean knows(String type) {
		return type != null && byType.containsKey(type);
	}

	SocialPlatform of(String type) {
		if (type == null || type.isBlank()) {
			throw ApiProblem.badRequest("platform", "is required: one of " + byType.keySet());
		}
		var platform = byType.get(type);
		if (platform == null) {
			throw ApiProblem.badRequest("platform", "must be one of " + byType.keySet());
		}
		return platform;
	}

	ChannelContext context(Channel channel) {
		Map<String, String> credentials = channel.credentialsCipher() == null ? Map.of()
				: json.readValue(cipher.decrypt(channel.credentialsCipher()), new TypeReference<Map<String, String>>() {
				});
		return new ChannelContext(channel.id(), channel.platform(), channel.baseUrl(), credentials, channel.settings(),
				handle(channel.characterId()));
	}

	/** Values are trimmed: a pasted token with a trailing newline would otherwise end up inside request URLs. */
	String encrypt(Map<String, String> credentials) {
		if (credentials == null || credentials.isEmpty()) {
			return null;
		}
		var trimmed = new LinkedHashMap<String, String>();
		credentials.forEach((k, v) -> trimmed.put(k, v == null ? null : v.trim()));
		return cipher.encrypt(json.writeValueAsString(trimmed));
	}

	/** Handles change rarely; a minute-old one is fine for links, and saves a query per publication. */
	private String handle(UUID characterId) {
		var cached = handles.get(characterId);
		if (cached != null && cached.at().isAfter(Instant.now().minusSeconds(60))) {
			return cached.handle();
		}
		var handle = characters.get(characterId).handle();
		handles.put(characterId, new CachedHandle(handle, Instant.now()));
		return handle;
	}

	private record CachedHandle(String handle, Instant at) {
	}
}
