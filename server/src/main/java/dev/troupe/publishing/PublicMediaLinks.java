package dev.troupe.publishing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.troupe.publishing.PublishingEvents.PublicationFailed;
import dev.troupe.publishing.PublishingEvents.PublicationPublished;
import dev.troupe.publishing.spi.PublicMedia;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * {@link PublicMedia} in PostgreSQL, so that any node of a cluster can serve a link another node made. The
 * token is 256 random bits and only its SHA-256 is stored; links end at their expiry or after their
 * publication's outcome is committed.
 */
@Component
class PublicMediaLinks implements PublicMedia {

	private final JdbcClient jdbc;
	private final PublicAddress addresses;

	PublicMediaLinks(JdbcClient jdbc, PublicAddress addresses) {
		this.jdbc = jdbc;
		this.addresses = addresses;
	}

	record Served(String contentType, byte[] bytes) {
	}

	@Override
	public URI share(UUID publicationId, PublishRequest.Media media, Duration validFor) {
		return share(addresses.publicUrl(), publicationId, media.contentType(), media.bytes(), validFor);
	}

	URI share(String publicUrl, UUID publicationId, String contentType, byte[] bytes, Duration validFor) {
		var token = OAuthStates.random(32);
		jdbc.sql("""
				insert into publishing_public_media (token_hash, publication_id, content_type, bytes, expires_at, created_at)
				values (?, ?, ?, ?, ?, now())""")
			.params(OAuthStates.hash(token), publicationId, contentType, bytes, PlatformApps.ts(Instant.now().plus(validFor)))
			.update();
		return URI.create(publicUrl.replaceAll("/+$", "") + "/public-media/" + token);
	}

	@Override
	public void revoke(UUID publicationId) {
		jdbc.sql("delete from publishing_public_media where publication_id = ?").param(publicationId).update();
	}

	/** Look-ups already ignore expired links; this removes their bytes. */
	int forgetExpired() {
		return jdbc.sql("delete from publishing_public_media where expires_at < now()").update();
	}

	Optional<Served> find(String token) {
		if (token == null || token.length() < 40 || !token.matches("[A-Za-z0-9_-]+")) {
			return Optional.empty();
		}
		return jdbc.sql("select content_type, bytes from publishing_public_media where token_hash = ? and expires_at > now()")
			.param(OAuthStates.hash(token))
			.query((rs, n) -> new Served(rs.getString("content_type"), rs.getBytes("bytes"))).optional();
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(PublicationPublished event) {
		revoke(event.publicationId());
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(PublicationFailed event) {
		revoke(event.publicationId());
	}
}
