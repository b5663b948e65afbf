package dev.troupe.generation.backend.ffmpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filter graph of a talking clip. The image is scaled to twice the frame and cropped to fill it (so the zoom
 * has pixels to spare and does not jitter), then zoompan makes every frame from that one image, moving closer and
 * slightly up over the clip. Captions are drawn in timed chunks from text files (never from the filter string, so
 * no caption can inject filter syntax), with {@code expansion=none} so '%' is just a character.
 */
final class ClipFilter {

	static final int CHARS_PER_LINE = 24;
	static final int LINES_PER_CHUNK = 2;

	private ClipFilter() {
	}

	/** One caption chunk: its lines and when it shows. */
	record Chunk(String text, double from, double to) {
	}

	/** {@code captionFiles}: per chunk, the file of each of its lines. */
	static String graph(int width, int height, int fps, double seconds, double zoom, String font,
			List<List<String>> captionFiles, List<Chunk> chunks) {
		var frames = Math.max(1, (int) Math.ceil(seconds * fps));
		var filter = new StringBuilder(String.format(Locale.ROOT,
				"[0:v]scale=%1$d:%2$d:force_original_aspect_ratio=increase,crop=%1$d:%2$d,setsar=1,"
						+ "zoompan=z='1+%3$.4f*on/%4$d':x='iw/2-(iw/zoom/2)':y='(ih-ih/zoom)*(0.5-0.3*on/%4$d)'"
						+ ":d=%4$d:s=%5$dx%6$d:fps=%7$d",
				width * 2, height * 2, zoom, frames, width, height, fps));
		var fontSize = Math.round(width * 0.06f);
		var lineHeight = fontSize + fontSize / 2;
		for (int i = 0; i < chunks.size(); i++) {
			var lines = captionFiles.get(i);
			for (int j = 0; j < lines.size(); j++) {
				// one drawtext per line: a newline inside the text is drawn as a missing glyph by the shaper
				filter.append(String.format(Locale.ROOT,
						",drawtext=fontfile=%s:textfile=%s:expansion=none:fontcolor=white:fontsize=%d"
								+ ":box=1:boxcolor=black@0.55:boxborderw=%d:x=(w-text_w)/2:y=h*0.72+%d"
								+ ":enable='between(t,%.3f,%.3f)'",
						font, lines.get(j), fontSize, fontSize / 4, j * lineHeight, chunks.get(i).from(), chunks.get(i).to()));
			}
		}
		return filter.append(",format=yuv420p[v]").toString();
	}

	/**
	 * The caption cut into chunks of at most two short lines, each shown for a share of the clip as long as its
	 * share of the text: a reader keeps pace with the voice without timestamps from the speech.
	 */
	static List<Chunk> chunks(String caption, double seconds) {
		var lines = new ArrayList<String>();
		var line = new StringBuilder();
		for (var word : caption.strip().split("\\s+")) {
			if (word.isEmpty()) {
				continue;
			}
			if (line.length() > 0 && line.length() + 1 + word.length() > CHARS_PER_LINE) {
				lines.add(line.toString());
				line.setLength(0);
			}
			line.append(line.length() > 0 ? " " : "").append(word);
		}
		if (line.length() > 0) {
			lines.add(line.toString());
		}
		var texts = new ArrayList<String>();
		for (int i = 0; i < lines.size(); i += LINES_PER_CHUNK) {
			texts.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + LINES_PER_CHUNK))));
		}
		var total = texts.stream().mapToInt(String::length).sum();
		var chunks = new ArrayList<Chunk>();
		var at = 0.0;
		for (var text : texts) {
			var length = seconds * text.length() / total;
			chunks.add(new Chunk(text, at, at + length));
			at += length;
		}
		return chunks;
	}
}
