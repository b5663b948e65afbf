package dev.troupe.publishing.spi;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Publishes one video file through a platform adapter in a child JVM whose heap is far smaller than the file
 * ({@code -Xmx64m} against 256 MB): it only succeeds if the adapter streams the file. The child is this class's
 * {@link #main}; the test's fake runs in the parent JVM.
 */
public final class SmallHeapSender {

	public static final long MB = 1024 * 1024;

	/** What the child printed: the outcome and the heap's peak use. */
	public record Result(int exitCode, String output) {

		public boolean published() {
			return exitCode == 0 && output.contains("outcome=Published");
		}
	}

	private SmallHeapSender() {
	}

	/** A file of {@code size} random bytes behind an MP4 {@code ftyp} box and the header of one {@code mdat} box. */
	public static Path video(Path dir, long size) throws IOException {
		var file = dir.resolve("video-" + UUID.randomUUID() + ".mp4");
		try (var out = new RandomAccessFile(file.toFile(), "rw")) {
			out.write(new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm',
					'p', '4', '1' });
			out.writeInt((int) (size - 24));
			out.write(new byte[] { 'm', 'd', 'a', 't' });
			var random = new Random(size);
			var block = new byte[(int) MB];
			for (long at = 32; at < size; at += block.length) {
				random.nextBytes(block);
				out.write(block, 0, (int) Math.min(block.length, size - at));
			}
		}
		return file;
	}

	public static String sha256(Path file) throws IOException {
		try (var in = new java.security.DigestInputStream(Files.newInputStream(file),
				java.security.MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return java.util.HexFormat.of().formatHex(in.getMessageDigest().digest());
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Runs {@code platformClass}'s {@code publish} for {@code file} in a child JVM with {@code -Xmx64m}.
	 *
	 * @param credentials and {@code settings}: the channel's, as {@code ChannelContext} takes them
	 */
	public static Result send(String platformClass, URI baseUrl, Path file, Map<String, String> credentials,
			Map<String, String> settings) throws IOException, InterruptedException {
		var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		var command = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				SmallHeapSender.class.getName(), platformClass, baseUrl.toString(), file.toString()));
		credentials.forEach((k, v) -> command.add("credential." + k + "=" + v));
		settings.forEach((k, v) -> command.add("setting." + k + "=" + v));
		var log = Files.createTempFile("small-heap-sender", ".log");
		try {
			var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				return new Result(-1, "timed out\n" + Files.readString(log));
			}
			return new Result(process.exitValue(), Files.readString(log));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	/** The child: {@code platformClass baseUrl file [credential.k=v] [setting.k=v]}. */
	public static void main(String[] args) throws Exception {
		var credentials = new HashMap<String, String>();
		var settings = new HashMap<String, String>();
		for (int i = 3; i < args.length; i++) {
			var kv = args[i].split("=", 2);
			(kv[0].startsWith("credential.") ? credentials : settings).put(kv[0].substring(kv[0].indexOf('.') + 1), kv[1]);
		}
		var file = Path.of(args[2]);
		var platform = platform(args[0]);
		var channel = new ChannelContext(UUID.randomUUID(), platform.type(), URI.create(args[1]), credentials, settings, "mira");
		var media = new PublishRequest.Media(MediaSource.of(file), Files.size(file), "video/mp4", "long.mp4", null);
		var request = new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), "A long take", List.of(media),
				Map.of(), Instant.now(), Map.of());
		var outcome = platform.publish(request, channel);
		long peak = 0;
		for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
			peak += pool.getType() == MemoryType.HEAP ? pool.getPeakUsage().getUsed() : 0;
		}
		var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
		out.println("outcome=" + outcome.getClass().getSimpleName() + " " + outcome);
		out.println("peakHeapBytes=" + peak + " maxHeapBytes=" + Runtime.getRuntime().maxMemory());
		System.exit(outcome instanceof PublishOutcome.Published ? 0 : 2);
	}

	/** The adapter, built as the application builds it: links and handles are not used for an uploaded video. */
	private static SocialPlatform platform(String className) throws ReflectiveOperationException {
		var constructor = Class.forName(className).getDeclaredConstructors()[0];
		constructor.setAccessible(true);
		var handles = new HashMap<UUID, Map<String, String>>();
		var arguments = new ArrayList<>();
		for (var type : constructor.getParameterTypes()) {
			if (type == String.class) {
				arguments.add("v25.0");
			}
			else if (type == PublicationHandles.class) {
				arguments.add((PublicationHandles) (id, values) -> handles.computeIfAbsent(id, k -> new HashMap<>()).putAll(values));
			}
			else if (type == PublicMedia.class) {
				arguments.add(new PublicMedia() {
					public URI share(UUID publicationId, PublishRequest.Media media, Duration validFor) {
						throw new UnsupportedOperationException("an uploaded video needs no public link");
					}

					public void revoke(UUID publicationId) {
					}
				});
			}
			else {
				arguments.add(null);
			}
		}
		return (SocialPlatform) constructor.newInstance(arguments.toArray());
	}
}
