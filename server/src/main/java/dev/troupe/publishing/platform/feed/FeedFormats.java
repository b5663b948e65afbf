package dev.troupe.publishing.platform.feed;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/** JSON Feed 1.1, RSS 2.0, Atom 1.0 and a small HTML page of a character's feed. Text is always escaped. */
final class FeedFormats {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FeedFormats() {
	}

	static String jsonFeed(String handle, List<FeedItems.Item> items, String base) {
		var home = base + "/feeds/" + handle;
		var feed = JSON.createObjectNode().put("version", "https://jsonfeed.org/version/1.1").put("title", "@" + handle)
			.put("home_page_url", home).put("feed_url", home + "/feed.json")
			.put("description", "Posts of @" + handle);
		feed.putArray("authors").addObject().put("name", "@" + handle).put("url", home);
		var list = feed.putArray("items");
		for (var item : items) {
			var entry = list.addObject().put("id", item.id().toString()).put("url", home + "#" + item.id())
				.put("title", title(handle, item.text())).put("content_text", clean(item.text()))
				.put("date_published", item.publishedAt().toString());
			if (!item.media().isEmpty()) {
				var first = item.media().get(0);
				if (first.contentType().startsWith("image/")) {
					entry.put("image", mediaUrl(base, handle, first));
				}
				var attachments = entry.putArray("attachments");
				for (var m : item.media()) {
					var attachment = attachments.addObject().put("url", mediaUrl(base, handle, m))
						.put("mime_type", m.contentType()).put("size_in_bytes", size(m));
					if (m.altText() != null && !m.altText().isBlank()) {
						attachment.put("title", clean(m.altText()));
					}
				}
			}
		}
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(feed);
	}

	static String rss(String handle, List<FeedItems.Item> items, String base) {
		var home = base + "/feeds/" + handle;
		var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>")
			.append("<title>@").append(esc(handle)).append("</title><link>").append(esc(home))
			.append("</link><description>").append(esc("Posts of @" + handle)).append("</description>")
			.append("<atom:link href=\"").append(esc(home + "/rss.xml")).append("\" rel=\"self\" type=\"application/rss+xml\"/>");
		if (!items.isEmpty()) {
			xml.append("<lastBuildDate>").append(rfc822(items.get(0).publishedAt())).append("</lastBuildDate>");
		}
		for (var item : items) {
			xml.append("<item><title>").append(esc(title(handle, item.text()))).append("</title><guid isPermaLink=\"false\">")
				.append(item.id()).append("</guid><link>").append(esc(home + "#" + item.id())).append("</link><description>")
				.append(esc(item.text())).append("</description><pubDate>").append(rfc822(item.publishedAt()))
				.append("</pubDate>");
			for (var m : item.media()) {
				xml.append("<enclosure url=\"").append(esc(mediaUrl(base, handle, m))).append("\" type=\"")
					.append(esc(m.contentType())).append("\" length=\"").append(size(m)).append("\"/>");
			}
			xml.append("</item>");
		}
		return xml.append("</channel></rss>\n").toString();
	}

	static String atom(String handle, List<FeedItems.Item> items, String base) {
		var home = base + "/feeds/" + handle;
		var updated = items.isEmpty() ? Instant.EPOCH : items.get(0).publishedAt();
		var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
			.append("<title>@").append(esc(handle)).append("</title><id>").append(esc(home))
			.append("</id><updated>").append(updated).append("</updated>")
			.append("<author><name>@").append(esc(handle)).append("</name><uri>").append(esc(home)).append("</uri></author>")
			.append("<link rel=\"self\" type=\"application/atom+xml\" href=\"").append(esc(home + "/atom.xml")).append("\"/>")
			.append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(esc(home)).append("\"/>");
		for (var item : items) {
			xml.append("<entry><id>urn:uuid:").append(item.id()).append("</id><title>").append(esc(title(handle, item.text())))
				.append("</title><updated>").append(item.publishedAt()).append("</updated><published>").append(item.publishedAt())
				.append("</published><link rel=\"alternate\" type=\"text/html\" href=\"")
				.append(esc(home + "#" + item.id())).append("\"/><content type=\"text\">")
				.append(esc(item.text())).append("</content>");
			for (var m : item.media()) {
				xml.append("<link rel=\"enclosure\" type=\"").append(esc(m.contentType())).append("\" length=\"")
					.append(size(m)).append("\" href=\"").append(esc(mediaUrl(base, handle, m))).append("\"/>");
			}
			xml.append("</entry>");
		}
		return xml.append("</feed>\n").toString();
	}

	static String page(String handle, List<FeedItems.Item> items) {
		var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
				+ "content=\"width=device-width,initial-scale=1\"><title>@").append(esc(handle))
			.append("</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feeds/").append(esc(handle))
			.append("/rss.xml\"><style>body{font-family:system-ui,sans-serif;max-width:640px;margin:2rem auto;padding:0 1rem;"
					+ "color:#18181b;background:#fafafa}article{background:#fff;border:1px solid #e4e4e7;border-radius:12px;"
					+ "padding:1rem;margin:1rem 0}img,video{max-width:100%;border-radius:8px}time{color:#71717a;font-size:.85rem}"
					+ "p{white-space:pre-wrap}</style></head><body><h1>@")
			.append(esc(handle)).append("</h1><p><a href=\"/feeds/").append(esc(handle)).append("/rss.xml\">RSS</a> · <a href=\"/feeds/")
			.append(esc(handle)).append("/atom.xml\">Atom</a> · <a href=\"/feeds/").append(esc(handle))
			.append("/feed.json\">JSON Feed</a></p>");
		if (items.isEmpty()) {
			html.append("<p>Nothing published yet.</p>");
		}
		for (var item : items) {
			html.append("<article id=\"").append(item.id()).append("\"><p>").append(esc(item.text())).append("</p>");
			for (var m : item.media()) {
				var src = "/feeds/" + esc(handle) + "/media/" + m.assetId();
				if (m.contentType().startsWith("image/")) {
					html.append("<img src=\"").append(src).append("\" alt=\"").append(esc(m.altText() == null ? "" : m.altText())).append("\">");
				}
				else if (m.contentType().startsWith("video/")) {
					html.append("<video controls src=\"").append(src).append("\"></video>");
				}
				else {
					html.append("<audio controls src=\"").append(src).append("\"></audio>");
				}
			}
			html.append("<time datetime=\"").append(item.publishedAt()).append("\">").append(item.publishedAt())
				.append("</time></article>");
		}
		return html.append("<footer><small>AI-generated character, published with Troupe.</small></footer></body></html>").toString();
	}

	private static String mediaUrl(String base, String handle, FeedItems.MediaRef m) {
		return base + "/feeds/" + handle + "/media/" + m.assetId();
	}

	private static long size(FeedItems.MediaRef m) {
		return m.size() == null ? 0 : m.size();
	}

	private static String rfc822(Instant at) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
	}

	/** The first line, shortened; a post without text gets a title anyway (Atom requires one). */
	private static String title(String handle, String text) {
		var line = clean(text).strip().lines().findFirst().orElse("").strip();
		if (line.isEmpty()) {
			return "Post of @" + handle;
		}
		return line.codePointCount(0, line.length()) > 80
				? line.substring(0, line.offsetByCodePoints(0, 77)) + "…" : line;
	}

	/**
	 * Removes what XML 1.0 cannot carry at all, escaped or not: control characters other than tab, line feed and
	 * carriage return, U+FFFE/U+FFFF, and unpaired surrogates. Emoji (paired surrogates) stay.
	 */
	static String clean(String text) {
		if (text == null) {
			return "";
		}
		var out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				out.append(c).append(text.charAt(++i));
			}
			else if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
				out.append(c);
			}
		}
		return out.toString();
	}

	static String esc(String text) {
		return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
			.replace("\"", "&quot;").replace("'", "&#39;");
	}
}
