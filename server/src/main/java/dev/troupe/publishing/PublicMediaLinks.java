package dev.troupe.publishing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.troupe.media.MediaManagement;
import dev.troupe.publishing.PublishingEvents.PublicationFailed;
import dev.troupe.publishing.PublishingEvents.PublicationPublished;
import dev.troupe.publishing.spi.PublicMedia;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * {@link PublicMedia} in PostgreSQL, so that any node of a cluster can serve a link another node made. The
 * token is 256 random bits and only its SHA-256 is stored; links end at their expiry or after their
 * publication's outcome is committed. Renditions held by the media store are served from it, streamed. With {@code TROUPE_PUBLIC_MEDIA_FROM_STORE=true} and a media store that signs
 * URLs (S3), a rendition the store holds unchanged is not copied here: the link redirects to a signed store URL
 * valid for {@link #STORE_URL_VALIDITY}, so the platform downloads it from the store, not through Troupe.
 */
@Component
class PublicMediaLinks implements PublicMedia {

	/** Long enough for a platform's fetcher to start the download after following the redirect. */
	static final Duration STORE_URL_VALIDITY = Duration.ofMinutes(10);

	private final JdbcClient jdbc;
	private final PublicAddress addresses;
	private final MediaManagement media;
	private final boolean fromStore;

	PublicMediaLinks(JdbcClient jdbc, PublicAddress addresses, MediaManagement media,
			@Value("${troupe.public-media.from-store:false}") boolean fromStore) {
		this.jdbc = jdbc;
		this.addresses = addresses;
		this.media = media;
		this.fromStore = fromStore;
	}

	/** What a link serves: its bytes, or the media store's blob to redirect to ({@code blobSha256}). */
	record Served(String contentType, byte[] bytes, String blobSha256) {
	}

	/**
	 * A rendition the media store holds (an asset sent unchanged) is served from the store, streamed or, by choice,
	 * by a redirect to a signed store URL; a small changed one (a resized image) is kept in the link's row; a large
	 * changed one (a transcoded video) is streamed into the store for as long as the link lives, never into memory.
	 */
	@Override
	public URI share(UUID publicationId, PublishRequest.Media media, Duration validFor) {
		if (media.source() instanceof Renditions.StoredBlob stored) {
			return link(addresses.publicUrl(), publicationId, media.contentType(), null, stored.sha256(), validFor);
		}
		try {
			if (media.size() <= PublishRequest.Media.IN_MEMORY_LIMIT) {
				try (var in = media.open()) {
					return share(addresses.publicUrl(), publicationId, media.contentType(), in.readAllBytes(), validFor);
				}
			}
			var sha = this.media.putBlob(media::open, media.size());
			return link(addresses.publicUrl(), publicationId, media.contentType(), null, sha, validFor);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	URI share(String publicUrl, UUID publicationId, String contentType, byte[] bytes, Duration validFor) {
		// a rendition the store already holds unchanged is fetched from the store by a signed URL when the owner
		// chose so; anything else is kept here and served by Troupe
		var blob = fromStore ? media.signableKey(bytes) : java.util.Optional.<String>empty();
		return link(publicUrl, publicationId, contentType, blob.isPresent() ? null : bytes, blob.orElse(null), validFor);
	}

	private URI link(String publicUrl, UUID publicationId, String contentType, byte[] bytes, String blob, Duration validFor) {
		var token = OAuthStates.random(32);
		jdbc.sql("""
				insert into publishing_public_media (token_hash, publication_id, content_type, bytes, blob_sha256, expires_at,
				  created_at)
				values (?, ?, ?, ?, ?, ?, now())""")
			.params(OAuthStates.hash(token), publicationId, contentType, bytes, blob,
					PlatformApps.ts(Instant.now().plus(validFor)))
			.update();
		return URI.create(publicUrl.replaceAll("/+$", "") + "/public-media/" + token);
	}

	@Override
	public void revoke(UUID publicationId) {
		var blobs = jdbc.sql("select distinct blob_sha256 from publishing_public_media where publication_id = ? and blob_sha256 is not null")
			.param(publicationId).query(String.class).list();
		jdbc.sql("delete from publishing_public_media where publication_id = ?").param(publicationId).update();
		forget(blobs);
	}

	/** Look-ups already ignore expired links; this removes their bytes. */
	int forgetExpired() {
		var blobs = jdbc.sql("select distinct blob_sha256 from publishing_public_media where expires_at < now() and blob_sha256 is not null")
			.query(String.class).list();
		var removed = jdbc.sql("delete from publishing_public_media where expires_at < now()").update();
		forget(blobs);
		return removed;
	}

	/** A transcoded rendition stored for links is removed with its last link; an asset's own blob stays. */
	private void forget(java.util.List<String> blobs) {
		for (var sha : blobs) {
			var linked = jdbc.sql("select exists (select 1 from publishing_public_media where blob_sha256 = ?)").param(sha)
				.query(Boolean.class).single();
			if (!linked) {
				try {
					media.deleteBlobUnlessAsset(sha);
				}
				catch (java.io.IOException e) {
					// a blob left behind costs space, not correctness; the next revoke of a link to it tries again
				}
			}
		}
	}

	Optional<Served> find(String token) {
		if (token == null || token.length() < 40 || !token.matches("[A-Za-z0-9_-]+")) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select content_type, bytes, blob_sha256 from publishing_public_media where token_hash = ? and expires_at > now()""")
			.param(OAuthStates.hash(token))
			.query((rs, n) -> new Served(rs.getString("content_type"), rs.getBytes("bytes"), rs.getString("blob_sha256")))
			.optional();
	}

	/** The blob a link names, streamed from the store, and its size. */
	java.io.InputStream openBlob(Served served) throws java.io.IOException {
		return media.openBlob(served.blobSha256(), 0, -1);
	}

	long blobSize(Served served) throws java.io.IOException {
		return media.blobSize(served.blobSha256());
	}

	/** A short-lived signed URL of the store for a link that names a blob; empty when the store cannot sign. */
	Optional<URI> storeUrl(Served served) {
		return served.blobSha256() == null || !fromStore ? Optional.empty()
				: media.presignedUrl(served.blobSha256(), served.contentType(), STORE_URL_VALIDITY);
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
