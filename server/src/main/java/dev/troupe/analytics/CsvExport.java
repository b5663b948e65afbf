package dev.troupe.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted and their quotes
 * doubled) of publications with their latest numbers, or of a channel's account series. Every platform metric gets
 * its own column under the platform's own name, after the common columns. A text cell that a spreadsheet would run
 * as a formula (starting with =, +, - or @) is prefixed with an apostrophe.
 */
@Component
class CsvExport {

	private final AnalyticsReports reports;

	CsvExport(AnalyticsReports reports) {
		this.reports = reports;
	}

	String publications(Samples.Filter filter) {
		var items = reports.publications(filter, false, 10_000).items();
		var names = new TreeSet<String>();
		items.forEach(i -> names.addAll(i.metrics().keySet()));
		var rows = new ArrayList<List<Object>>();
		var header = new ArrayList<Object>(List.of("publicationId", "postId", "characterId", "channelId", "channelName",
				"platform", "publishedAt", "url", "excerpt", "sampledAt", "reactions", "shares", "comments", "views",
				"engagement"));
		header.addAll(names);
		rows.add(header);
		for (var i : items) {
			var row = new ArrayList<Object>(List.of(i.publicationId(), i.postId(), i.characterId(), i.channelId(),
					text(i.channelName()), i.platform(), i.publishedAt(), text(i.url()), text(i.excerpt())));
			row.add(i.sampledAt());
			row.add(i.common().get("reactions"));
			row.add(i.common().get("shares"));
			row.add(i.common().get("comments"));
			row.add(i.common().get("views"));
			row.add(i.engagement());
			names.forEach(n -> row.add(i.metrics().get(n)));
			rows.add(row);
		}
		return write(rows);
	}

	String channel(UUID channelId, Instant from, Instant to) {
		var report = reports.channel(channelId, from, to);
		var names = new TreeSet<String>();
		report.series().forEach(p -> names.addAll(p.metrics().keySet()));
		var rows = new ArrayList<List<Object>>();
		var header = new ArrayList<Object>(List.of("channelId", "platform", "at", "followers"));
		header.addAll(names);
		rows.add(header);
		for (var p : report.series()) {
			var row = new ArrayList<Object>();
			row.add(channelId);
			row.add(report.platform());
			row.add(p.at());
			row.add(p.common().get("followers"));
			names.forEach(n -> row.add(p.metrics().get(n)));
			rows.add(row);
		}
		return write(rows);
	}

	/** Marks a free-text cell so a formula-looking value is escaped. */
	private static Text text(String value) {
		return new Text(value);
	}

	private record Text(String value) {
	}

	static String write(List<List<Object>> rows) {
		var out = new StringBuilder();
		for (var row : rows) {
			for (int i = 0; i < row.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				out.append(cell(row.get(i)));
			}
			out.append("\r\n");
		}
		return out.toString();
	}

	static String cell(Object value) {
		if (value == null) {
			return "";
		}
		var text = value instanceof Text t ? (t.value() == null ? "" : t.value()) : value.toString();
		if (value instanceof Text && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
