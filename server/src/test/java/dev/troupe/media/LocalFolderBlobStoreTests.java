package dev.troupe.media;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import dev.troupe.media.spi.BlobStore;
import dev.troupe.media.spi.BlobStoreContractTests;

class LocalFolderBlobStoreTests extends BlobStoreContractTests {

	@TempDir
	Path folder;

	@Override
	protected BlobStore newStore() throws Exception {
		return new LocalFolderBlobStore(Files.createDirectories(folder.resolve("media")));
	}
}
