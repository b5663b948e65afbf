package dev.troupe.generation.backend.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendContractTests;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.ClipTask;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.media.Provenance;
import dev.troupe.media.ProvenanceInfo;
import dev.troupe.support.TestAudio;
import dev.troupe.support.TestImages;

/** Runs the real (bundled) ffmpeg on a tiny image and a short generated tone, at a low frame rate and bitrate. */
class FfmpegBackendTests extends GenerationBackendContractTests {

	private static final URI LOCAL = URI.create("file:///");
	/** Fast settings for tests: the frame stays 1080×1920, the rest is as cheap as ffmpeg allows. */
	private static final Map<String, String> FAST = Map.of("fps", "10", "videoBitrate", "200k", "audioBitrate", "48k");

	static GenerationBackend ffmpeg(Map<String, String> options) {
		return new FfmpegBackendFactory().create(new BackendConfig("clips-test", "ffmpeg", LOCAL, null, 1, true, options));
	}

	@Override
	protected GenerationBackend backend() {
		return ffmpeg(FAST);
	}

	@Override
	protected GenerationBackend unreachableBackend() {
		return ffmpeg(Map.of("binary", "/nonexistent/bin/ffmpeg"));
	}

	@Override
	protected GenerationTask task() {
		return clip("", 1.2);
	}

	@Override
	protected GenerationTask rejectedTask() {
		return new ClipTask(UUID.randomUUID(), new InputFile("i.png", image()),
				new InputFile("v.wav", "this is not audio".getBytes(StandardCharsets.UTF_8)), "", 1080, 1920);
	}

	@Override
	protected void assertUsable(GenerationResult result) {
		assertThat(result.artifacts()).hasSize(1);
		assertThat(result.artifacts().get(0).contentType()).isEqualTo("video/mp4");
		assertThat(describe(result.artifacts().get(0).bytes())).contains("Video: h264");
	}

	@Test
	void makesAVerticalH264AacClipAsLongAsTheVoiceLineWithProgressAndCaptions() throws Exception {
		var backend = backend();
		var task = clip("Hello from the harbor, it is a bright and windy morning here", 1.5);
		var progress = new CopyOnWriteArrayList<Progress>();
		var result = backend.await(backend.submit(task), task, progress::add, Duration.ofSeconds(120));

		var mp4 = result.artifacts().get(0).bytes();
		var info = describe(mp4);
		assertThat(info).containsPattern("Video: h264[^\\n]*1080x1920");
		assertThat(info).contains("Audio: aac");
		assertThat(seconds(info)).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.15));
		assertThat(result.recipe()).containsEntry("fps", 10).containsEntry("captionChunks", 2);
		assertThat(progress.stream().filter(p -> "encoding".equals(p.node())).map(Progress::fraction).toList())
			.as("live progress from ffmpeg's -progress report").isNotEmpty().isSorted();
		assertThat(progress.get(progress.size() - 1).fraction()).isEqualTo(1.0);

		// the MP4 takes Troupe's provenance (the output stage stamps every artifact this way)
		var stamped = Provenance.stamp(mp4, "video/mp4",
				new ProvenanceInfo("Troupe via ffmpeg", "Ada", UUID.randomUUID().toString(), java.time.Instant.now()));
		assertThat(Provenance.readDigitalSourceType(stamped))
			.contains("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
		assertThat(describe(stamped)).as("still plays after stamping").contains("Audio: aac");
	}

	@Test
	void captionsAreCutIntoTimedChunksOfShortLines() {
		var chunks = ClipFilter.chunks("one two three four five six seven eight nine ten eleven twelve thirteen", 3.0);
		assertThat(chunks).allSatisfy(c -> {
			assertThat(c.text().lines().count()).isLessThanOrEqualTo(ClipFilter.LINES_PER_CHUNK);
			assertThat(c.text().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(ClipFilter.CHARS_PER_LINE));
		});
		assertThat(chunks.get(0).from()).isZero();
		assertThat(chunks.get(chunks.size() - 1).to()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
		var words = new ArrayList<String>();
		chunks.forEach(c -> words.addAll(List.of(c.text().split("\\s+"))));
		assertThat(String.join(" ", words)).isEqualTo("one two three four five six seven eight nine ten eleven twelve thirteen");

		// one drawtext per line: the text shaper draws a newline as a missing-glyph box
		var files = chunks.stream().map(c -> c.text().lines().map(l -> "f.txt").toList()).toList();
		var graph = ClipFilter.graph(1080, 1920, 10, 3.0, 0.1, "font.ttf", files, chunks);
		var lines = chunks.stream().mapToLong(c -> c.text().lines().count()).sum();
		assertThat(graph.split("drawtext=", -1).length - 1).isEqualTo((int) lines);
	}

	@Test
	void progressReportLinesGiveTheFractionOfTheVoiceLine() {
		assertThat(FfmpegReport.fraction("out_time_us=750000", 1.5)).isEqualTo(0.5);
		assertThat(FfmpegReport.fraction("out_time_us=N/A", 1.5)).isNull();
		assertThat(FfmpegReport.fraction("frame=12", 1.5)).isNull();
	}

	@Test
	void captionsWithoutAFontAreRefusedWithTheFix() {
		var backend = ffmpeg(Map.of("fps", "10", "font", "/nonexistent/font.ttf"));
		var task = clip("words to show", 0.5);
		assertThatThrownBy(() -> backend.await(backend.submit(task), task, ProgressListener.NONE, Duration.ofSeconds(60)))
			.isInstanceOfSatisfying(BackendException.class, e -> {
				assertThat(e.kind()).isEqualTo(BackendException.Kind.REJECTED_INPUT);
				assertThat(e.getMessage()).contains("'font' option");
			});
	}

	@Test
	void healthSaysWhichEncoderAndFont() {
		var health = backend().check();
		assertThat(health.models()).anySatisfy(m -> assertThat(m).startsWith("h264: "));
	}

	static ClipTask clip(String caption, double seconds) {
		return new ClipTask(UUID.randomUUID(), new InputFile("face.png", image()), new InputFile("line.wav", tone(seconds)),
				caption, 1080, 1920);
	}

	static byte[] image() {
		var image = new BufferedImage(48, 64, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setColor(new Color(200, 120, 80));
		g.fillRect(0, 0, 48, 64);
		g.setColor(Color.DARK_GRAY);
		g.fillOval(12, 16, 24, 30);
		g.dispose();
		return TestImages.png(image);
	}

	static byte[] tone(double seconds) {
		return TestAudio.tone(seconds);
	}

	/** What ffmpeg reads from the file: its streams and duration. */
	static String describe(byte[] mp4) {
		try {
			var file = Files.createTempFile("troupe-clip-test-", ".mp4");
			try {
				Files.write(file, mp4);
				return new FfmpegProgram("bundled").run(List.of("-hide_banner", "-nostdin", "-i", file.toString()),
						Duration.ofSeconds(30));
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	static double seconds(String description) {
		var matcher = Pattern.compile("Duration: (\\d+):(\\d{2}):(\\d{2}\\.\\d+)").matcher(description);
		assertThat(matcher.find()).as(description).isTrue();
		return Integer.parseInt(matcher.group(1)) * 3600 + Integer.parseInt(matcher.group(2)) * 60
				+ Double.parseDouble(matcher.group(3));
	}
}
