package dev.troupe.support;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.troupe.media.spi.BlobStore;

/**
 * Wraps the application's {@link BlobStore} with a switch that makes it behave like a full disk: every write fails
 * with the operating system's ENOSPC message, reads still work. A tiny filesystem quota would need privileges tests
 * do not have; the read-only case is simulated on the real folder instead (see FaultIntegrationTests).
 */
public final class FaultyBlobStore implements BlobStore {

	private static volatile boolean full;

	private final BlobStore delegate;

	FaultyBlobStore(BlobStore delegate) {
		this.delegate = delegate;
	}

	/** Until closed, writes fail as on a full disk. */
	public static AutoCloseable diskFull() {
		full = true;
		return () -> full = false;
	}

	@Override
	public void put(String sha256, InputStream content, long length) throws IOException {
		if (full) {
			throw new IOException("No space left on device");
		}
		delegate.put(sha256, content, length);
	}

	@Override
	public InputStream open(String sha256, long offset, long length) throws IOException {
		return delegate.open(sha256, offset, length);
	}

	@Override
	public long size(String sha256) throws IOException {
		return delegate.size(sha256);
	}

	@Override
	public void forEachKey(java.util.function.Consumer<String> key) throws IOException {
		delegate.forEachKey(key);
	}

	@Override
	public java.util.Optional<java.net.URI> presignedGet(String sha256, String contentType, java.time.Duration validFor) {
		return delegate.presignedGet(sha256, contentType, validFor);
	}

	@Override
	public boolean exists(String sha256) throws IOException {
		return delegate.exists(sha256);
	}

	@Override
	public void delete(String sha256) throws IOException {
		delegate.delete(sha256);
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		static BeanPostProcessor faultyBlobStore() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return bean instanceof BlobStore store && !(bean instanceof FaultyBlobStore) ? new FaultyBlobStore(store)
							: bean;
				}
			};
		}
	}
}
