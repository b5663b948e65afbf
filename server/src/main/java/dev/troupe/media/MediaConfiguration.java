package dev.troupe.media;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.troupe.media.spi.BlobStore;

@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

	/**
	 * The store {@code TROUPE_MEDIA_STORE} names: the local folder (default) or an S3-compatible bucket, unless
	 * another BlobStore bean is configured. An S3 store is closed with the context.
	 */
	@Bean
	@ConditionalOnMissingBean(BlobStore.class)
	BlobStore blobStore(Environment env) {
		return MediaStores.create(MediaStores.configured(env), env);
	}
}
