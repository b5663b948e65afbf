package dev.troupe.media;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.troupe.media.spi.BlobStore;

@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

	/** The local folder store, unless another BlobStore (e.g. S3-compatible) is configured. */
	@Bean
	@ConditionalOnMissingBean(BlobStore.class)
	BlobStore localFolderBlobStore(@Value("${troupe.data-dir:./data}") Path dataDir) {
		return new LocalFolderBlobStore(dataDir.toAbsolutePath().normalize().resolve("media"));
	}
}
