package dev.troupe.publishing.platform.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Static copies of each feed under {@code <data dir>/feeds/{handle}/} (feed.json, rss.xml, atom.xml), for
 * serving from any web server. Links in the static files are relative to {@code troupe.public-url}.
 */
@Component
class FeedFiles {

	private static final Logger log = LoggerFactory.getLogger(FeedFiles.class);

	private final Path root;
	private final FeedSource source;

	FeedFiles(@Value("${troupe.data-dir:./data}") Path dataDir, FeedSource source) {
		this.root = dataDir.resolve("feeds");
		this.source = source;
	}

	void write(String handle) {
		try {
			var dir = root.resolve(handle.toLowerCase());
			Files.createDirectories(dir);
			var latest = source.latest(handle);
			var publicUrl = source.publicUrl();
			write(dir.resolve("feed.json"), FeedFormats.jsonFeed(handle, latest, publicUrl));
			write(dir.resolve("rss.xml"), FeedFormats.rss(handle, latest, publicUrl));
			write(dir.resolve("atom.xml"), FeedFormats.atom(handle, latest, publicUrl));
		}
		catch (IOException e) {
			// the feed in the database is the truth; static files are a convenience
			log.warn("Could not write the static feed files of {}", handle, e);
		}
	}

	private static void write(Path file, String content) throws IOException {
		var temp = Files.createTempFile(file.getParent(), ".feed", ".tmp");
		Files.writeString(temp, content, StandardCharsets.UTF_8);
		Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}
}
