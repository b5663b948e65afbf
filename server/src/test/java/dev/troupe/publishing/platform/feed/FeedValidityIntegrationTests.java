package dev.troupe.publishing.platform.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.io.WireFeedInput;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every feed is valid for every caption: parsed by a real feed parser (ROME) for RSS and Atom, checked against the
 * JSON Feed 1.1 required fields, with links from TROUPE_PUBLIC_URL and enclosures of their real length. Media is
 * streamed with Range and cache headers.
 */
class FeedValidityIntegrationTests extends IntegrationTest {

	/** Control characters XML cannot carry, emoji (outside the BMP), markup and a CDATA end. */
	private static final String CAPTION = "Hello\u0001\u0002\u0008\u000B\u000C\u001B\u001F\uFFFE world 🎭✨👩🏽‍🎤\n"
			+ "<script>alert('x')</script> & <b>bold</b> ]]> \"quoted\" \tTabbed";
	private static final String PUBLIC = "http://localhost:8080"; // the test context's troupe.public-url

	private static String handle;
	private static String image;
	private static long imageSize;
	private static String marker;

	@BeforeEach
	void publishOne() {
		if (handle != null) {
			return;
		}
		var character = owner.post("/api/v1/characters", Map.of("name", "Feeder " + UUID.randomUUID().toString().substring(0, 8)))
			.json();
		handle = character.get("handle").asString();
		var characterId = character.get("id").asString();
		image = image(characterId);
		imageSize = owner.get("/api/v1/media/" + image + "/info").json().get("size").asLong();
		var feed = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "feed", "name", "feed"))
			.json().get("id").asString();
		marker = UUID.randomUUID().toString();
		var created = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", CAPTION + " " + marker,
				"media", List.of(Map.of("assetId", image, "altText", "alt <with> \u0007 bell")), "channelIds", List.of(feed)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var postId = created.json().get("id").asString();
		assertThat(owner.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(30)).until(() -> owner.get("/api/v1/posts/" + postId).json().get("state")
			.asString().equals("PUBLISHED"));
	}

	@Test
	void rssIsValidRss2WithRealEnclosureLengthsAndPublicLinks() throws Exception {
		var response = anonymous.getWithHeaders("/feeds/" + handle + "/rss.xml", "X-Forwarded-Host", "evil.example");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/rss+xml");
		var input = new WireFeedInput();
		input.setXmlHealerOn(false); // no repairs: the document must be valid as it is
		var rss = (Channel) input.build(new StringReader(response.text()));
		assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
		assertThat(rss.getTitle()).isEqualTo("@" + handle);
		assertThat(rss.getLink()).isEqualTo(PUBLIC + "/feeds/" + handle);
		assertThat(rss.getDescription()).isNotBlank();
		var item = rss.getItems().get(0);
		assertThat(item.getTitle()).startsWith("Hello world 🎭✨");
		assertThat(item.getDescription().getValue()).contains("🎭✨👩🏽‍🎤").contains("<script>alert('x')</script>")
			.contains("]]>").contains(marker).doesNotContain("\u0001").doesNotContain("\u001B");
		assertThat(item.getLink()).startsWith(PUBLIC + "/feeds/" + handle + "#");
		assertThat(item.getPubDate()).isNotNull();
		var enclosure = item.getEnclosures().get(0);
		assertThat(enclosure.getUrl()).isEqualTo(PUBLIC + "/feeds/" + handle + "/media/" + image);
		assertThat(enclosure.getLength()).as("the real length").isEqualTo(imageSize).isPositive();
		assertThat(enclosure.getType()).isEqualTo("image/png");
		assertThat(response.text()).doesNotContain("evil.example").contains("rel=\"self\"");
	}

	@Test
	void atomIsValidAtom1WithAuthorAndSelfLink() throws Exception {
		var response = anonymous.getWithHeaders("/feeds/" + handle + "/atom.xml", "X-Forwarded-Host", "evil.example");
		assertThat(response.status()).isEqualTo(200);
		var input = new WireFeedInput();
		input.setXmlHealerOn(false);
		var atom = (Feed) input.build(new StringReader(response.text()));
		assertThat(atom.getFeedType()).isEqualTo("atom_1.0");
		assertThat(atom.getId()).isNotBlank();
		assertThat(atom.getTitle()).isEqualTo("@" + handle);
		assertThat(atom.getUpdated()).isNotNull();
		assertThat(atom.getAuthors()).extracting(a -> a.getName()).containsExactly("@" + handle);
		assertThat(atom.getOtherLinks()).extracting(Link::getRel, Link::getHref)
			.contains(org.assertj.core.groups.Tuple.tuple("self", PUBLIC + "/feeds/" + handle + "/atom.xml"));
		var entry = atom.getEntries().get(0);
		assertThat(entry.getId()).startsWith("urn:uuid:");
		assertThat(entry.getTitle()).startsWith("Hello world 🎭✨");
		assertThat(entry.getUpdated()).isNotNull();
		assertThat(entry.getContents().get(0).getValue()).contains("<b>bold</b>").contains("🎭").contains(marker)
			.doesNotContain("\u0002");
		var enclosure = entry.getOtherLinks().stream().filter(l -> "enclosure".equals(l.getRel())).findFirst().orElseThrow();
		assertThat(enclosure.getLength()).isEqualTo(imageSize);
		assertThat(enclosure.getHref()).isEqualTo(PUBLIC + "/feeds/" + handle + "/media/" + image);
		assertThat(response.text()).doesNotContain("evil.example");
	}

	@Test
	void jsonFeedHasEveryRequiredField() {
		var response = anonymous.getWithHeaders("/feeds/" + handle + "/feed.json", "X-Forwarded-Host", "evil.example");
		assertThat(response.header("Content-Type")).startsWith("application/feed+json");
		var feed = JsonMapper.builder().build().readTree(response.text());
		assertThat(feed.get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
		assertThat(feed.get("title").asString()).isEqualTo("@" + handle);
		assertThat(feed.get("feed_url").asString()).isEqualTo(PUBLIC + "/feeds/" + handle + "/feed.json");
		assertThat(feed.get("home_page_url").asString()).isEqualTo(PUBLIC + "/feeds/" + handle);
		assertThat(feed.at("/authors/0/name").asString()).isEqualTo("@" + handle);
		var item = feed.at("/items/0");
		assertThat(item.get("id").asString()).isNotBlank();
		assertThat(item.get("content_text").asString()).contains("🎭✨").contains("<script>").contains(marker)
			.doesNotContain("\u0001");
		assertThat(Instant.parse(item.get("date_published").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(item.at("/attachments/0/url").asString()).isEqualTo(PUBLIC + "/feeds/" + handle + "/media/" + image);
		assertThat(item.at("/attachments/0/mime_type").asString()).isEqualTo("image/png");
		assertThat(item.at("/attachments/0/size_in_bytes").asLong()).isEqualTo(imageSize);
		assertThat(response.text()).doesNotContain("evil.example");
	}

	@Test
	void thePageAnswersWithAndWithoutATrailingSlash() {
		var plain = anonymous.get("/feeds/" + handle);
		var slashed = anonymous.get("/feeds/" + handle + "/");
		assertThat(plain.status()).isEqualTo(200);
		assertThat(slashed.status()).isEqualTo(200);
		assertThat(slashed.text()).contains(marker).contains("&lt;script&gt;").doesNotContain("<script>");
	}

	@Test
	void mediaIsStreamedWithRangeAndCacheHeaders() {
		var path = "/feeds/" + handle + "/media/" + image;
		var whole = anonymous.get(path);
		assertThat(whole.status()).isEqualTo(200);
		assertThat(whole.bytes()).hasSize((int) imageSize);
		assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
		assertThat(whole.header("Cache-Control")).contains("public").contains("max-age=");
		var etag = whole.header("ETag");
		assertThat(etag).isNotBlank();
		assertThat(whole.header("Last-Modified")).isNotBlank();

		var range = anonymous.getWithHeaders(path, "Range", "bytes=10-29");
		assertThat(range.status()).isEqualTo(206);
		assertThat(range.header("Content-Range")).isEqualTo("bytes 10-29/" + imageSize);
		assertThat(range.bytes()).containsExactly(Arrays.copyOfRange(whole.bytes(), 10, 30));

		var tail = anonymous.getWithHeaders(path, "Range", "bytes=-5");
		assertThat(tail.status()).isEqualTo(206);
		assertThat(tail.bytes()).containsExactly(Arrays.copyOfRange(whole.bytes(), (int) imageSize - 5, (int) imageSize));

		assertThat(anonymous.getWithHeaders(path, "Range", "bytes=" + (imageSize + 10) + "-").status()).isEqualTo(416);
		assertThat(anonymous.getWithHeaders(path, "If-None-Match", etag).status()).isEqualTo(304);
	}

	private String image(String characterId) {
		var picture = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		var random = new java.util.Random(7);
		for (int x = 0; x < 64; x++) {
			for (int y = 0; y < 48; y++) {
				picture.setRGB(x, y, new Color(random.nextInt(256), x * 4, y * 5).getRGB());
			}
		}
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(picture, "png", out);
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
		var uploaded = owner.upload("/api/v1/characters/" + characterId + "/references", "ref.png", out.toByteArray());
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		var refs = uploaded.json().at("/visual/referenceAssetIds");
		return refs.get(refs.size() - 1).asString();
	}
}
