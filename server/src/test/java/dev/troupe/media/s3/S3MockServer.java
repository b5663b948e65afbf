package dev.troupe.media.s3;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Adobe's S3Mock, a real S3-compatible server from Maven Central, started once per test JVM. It is a Spring
 * Boot 3 application, so it cannot share the test class path (Boot 4): Maven copies its executable jar into
 * {@code target/s3mock/} (maven-dependency-plugin) and this starts it with {@code java -jar} on a free port,
 * waits until it answers S3's ListBuckets, and stops it when the JVM exits.
 */
public final class S3MockServer {

	private static S3MockServer running;

	private final Process process;
	private final int port;

	private S3MockServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	public static synchronized S3MockServer get() throws IOException, InterruptedException {
		if (running == null || !running.process.isAlive()) {
			running = start();
		}
		return running;
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + port);
	}

	/** Settings for a store on this server; any access key works. */
	public S3Settings settings(String bucket, String prefix) {
		return new S3Settings(bucket, endpoint().toString(), "us-east-1", true, "test-access", "test-secret", prefix,
				S3Settings.MIN_PART_SIZE);
	}

	private static S3MockServer start() throws IOException, InterruptedException {
		var jar = Path.of(System.getProperty("troupe.s3mock.jar", "target/s3mock/s3mock.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("S3Mock's jar is missing at " + jar.toAbsolutePath()
					+ ": run the tests through Maven (process-test-resources copies it)");
		}
		int port;
		try (var socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		var root = Files.createTempDirectory("s3mock-");
		var log = Files.createTempFile("s3mock-", ".log");
		var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		var process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
				"--com.adobe.testing.s3mock.httpPort=" + port, "--server.port=0",
				"--com.adobe.testing.s3mock.store.root=" + root, "--spring.main.banner-mode=off"))
			.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		var deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ":\n" + tail(log));
			}
			try {
				var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).GET()
					.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return new S3MockServer(process, port);
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(250);
		}
		process.destroy();
		throw new IllegalStateException("S3Mock did not answer within 120 s:\n" + tail(log));
	}

	private static String tail(Path log) throws IOException {
		var text = Files.readString(log);
		return text.substring(Math.max(0, text.length() - 4000));
	}
}
