package dev.troupe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image as {@code ./troupe image} builds it (Jib, no Docker daemon, a base made from Debian packages
 * by deploy/image/base.sh): the tarball's config and layers, then, where podman is installed, the image loaded,
 * started on a /data volume as the non-root user until its own HEALTHCHECK passes, signed in to, and stopped.
 * <p>
 * Tagged {@code image}. It builds the base with mmdebstrap when server/target/image-base/troupe-base.tar is
 * missing (about 35 s to 2 min, from the machine's apt sources); without mmdebstrap it is skipped, without podman
 * only the tarball is checked. podman runs as it would in a sandboxed CI container: runc when installed (crun
 * refuses hybrid cgroup hierarchies) and explicit file and process limits (podman as root asks for a million open
 * files, which a container without CAP_SYS_RESOURCE cannot grant); podman's periodic health checks need systemd,
 * so the test runs the image's check itself with {@code podman healthcheck run}.
 */
@Tag("image")
class ContainerImageIntegrationTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
	private static final Path TARBALL = ROOT.resolve("server/target/jib-image.tar");
	private static final Path BASE = ROOT.resolve("server/target/image-base/troupe-base.tar");
	private static final String EMAIL = "owner@image.test";
	private static final String PASSWORD = "a long image test password";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeAll
	static void buildTheImage() throws Exception {
		assumeTrue(Files.exists(BASE) || onPath("mmdebstrap"),
				"the image's base is built with mmdebstrap (apt-get install mmdebstrap)");
		Files.deleteIfExists(TARBALL);
		// the same command a user runs; the web module is packaged from the web/dist the outer build made
		var result = run(Duration.ofMinutes(10), ROOT, ROOT.resolve("troupe").toString(), "image", "-q", "-pl", "server",
				"-am", "-Dtroupe.web.skip=true", "-Dmaven.test.skip=true");
		assertThat(result.exit()).as("./troupe image\n%s", result.output()).isZero();
		assertThat(TARBALL).exists();
	}

	@Test
	void theTarballRunsTroupeAsUser1000WithADataVolumeAHealthCheckLabelsEspeakAndFonts() throws IOException {
		var manifest = JSON.readTree(entry(TARBALL, "manifest.json")).get(0);
		assertThat(texts(manifest.get("RepoTags"))).contains("troupe:latest");
		var config = JSON.readTree(entry(TARBALL, manifest.get("Config").asString())).get("config");

		assertThat(config.get("User").asString()).isEqualTo("1000:0");
		assertThat(names(config.get("Volumes"))).containsExactly("/data");
		assertThat(config.get("WorkingDir").asString()).isEqualTo("/data");
		assertThat(names(config.get("ExposedPorts"))).containsExactly("8080/tcp");
		assertThat(texts(config.get("Env"))).contains("TROUPE_DATA_DIR=/data", "TROUPE_PORT=8080");
		assertThat(texts(config.get("Entrypoint"))).startsWith("java").endsWith("dev.troupe.Troupe");
		var labels = config.get("Labels");
		assertThat(labels.get("org.opencontainers.image.title").asString()).isEqualTo("Troupe");
		assertThat(labels.get("org.opencontainers.image.version").asString()).isNotBlank();
		var health = config.get("Healthcheck");
		assertThat(health).as("a HEALTHCHECK (inherited from the base: Jib cannot declare one)").isNotNull();
		assertThat(String.join(" ", texts(health.get("Test")))).contains("curl").contains("/actuator/health/readiness");
		assertThat(health.get("StartPeriod").asLong()).isGreaterThanOrEqualTo(Duration.ofMinutes(1).toNanos());

		// what the layers hold, the last layer's version of each path winning
		var files = new HashMap<String, TarArchiveEntry>();
		byte[] passwd = null;
		for (var layer : texts(manifest.get("Layers"))) {
			try (var tar = new TarArchiveInputStream(new GZIPInputStream(entryStream(TARBALL, layer), 1 << 16))) {
				for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
					var name = e.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
					files.put(name, e);
					if (name.equals("etc/passwd")) {
						passwd = tar.readAllBytes();
					}
				}
			}
		}
		assertThat(files).containsKeys("usr/bin/espeak-ng", "usr/bin/curl", "usr/bin/fc-list",
				"usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "usr/lib/jvm/java-17-openjdk-amd64/bin/java",
				"app/classes/dev/troupe/Troupe.class", "app/jib-classpath-file");
		assertThat(files.keySet()).anyMatch(name -> name.startsWith("app/resources/static/index.html")
				|| name.matches("app/libs/troupe-web-.*\\.jar"));
		// the bundled PostgreSQL refuses root and needs a passwd entry for its user
		assertThat(new String(passwd, StandardCharsets.UTF_8)).contains("troupe:x:1000:0:");
		var data = files.get("data");
		assertThat(data.isDirectory()).isTrue();
		assertThat(data.getMode() & 0777).isEqualTo(0775);
		assertThat(data.getLongUserId()).isEqualTo(1000);
		assertThat(data.getLongGroupId()).isZero();
	}

	@Test
	void theImageStartsOnADataVolumeAsTheNonRootUserTurnsHealthyAnswersSignInAndStopsCleanly() throws Exception {
		assumeTrue(onPath("podman"), "podman runs the image (apt-get install podman)");
		var name = "troupe-image-test-" + UUID.randomUUID().toString().substring(0, 8);
		var started = Instant.now();
		var load = podman(Duration.ofMinutes(3), "load", "-q", "-i", TARBALL.toString());
		assertThat(load.exit()).as(load.output()).isZero();
		var imageId = podman(Duration.ofSeconds(30), "image", "inspect", "--format", "{{.Id}}", "troupe:latest")
			.output().strip();
		try {
			assertThat(podman(Duration.ofSeconds(30), "volume", "create", name).exit()).isZero();
			var run = podman(Duration.ofMinutes(1), "run", "-d", "--name", name, "-v", name + ":/data", "-p",
					"127.0.0.1::8080", "--ulimit", "nofile=8192:8192", "--ulimit", "nproc=8192:8192", "-e",
					"TROUPE_ADMIN_EMAIL=" + EMAIL, "-e", "TROUPE_ADMIN_PASSWORD=" + PASSWORD, "-e",
					"TROUPE_MASTER_KEY=" + "a".repeat(43) + "=", imageId);
			assertThat(run.exit()).as(run.output()).isZero();

			// the image's own HEALTHCHECK, run until it passes (its start period is 3 minutes)
			var deadline = Instant.now().plus(Duration.ofMinutes(3));
			while (podman(Duration.ofSeconds(30), "healthcheck", "run", name).exit() != 0) {
				var state = podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Status}}", name).output();
				if (!state.strip().equals("running") || Instant.now().isAfter(deadline)) {
					fail("not healthy (%s):\n%s", state.strip(), podman(Duration.ofSeconds(30), "logs", name).output());
				}
				Thread.sleep(2000);
			}
			assertThat(podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Health.Status}}", name).output())
				.contains("healthy");
			var healthyAfter = Duration.between(started, Instant.now());

			assertThat(exec(name, "id", "-u")).isEqualTo("1000");
			assertThat(exec(name, "sh", "-c", "ls -ln /data | grep ' postgres$'")).contains(" 1000 ");
			assertThat(exec(name, "sh", "-c", "espeak-ng --stdout 'hello' | head -c 4")).isEqualTo("RIFF");
			assertThat(exec(name, "sh", "-c", "fc-list | grep -c DejaVu")).isNotEqualTo("0");

			var port = podman(Duration.ofSeconds(30), "port", name, "8080/tcp").output().strip();
			var base = "http://" + port.substring(port.lastIndexOf('\n') + 1);
			var http = HttpClient.newHttpClient();
			var readiness = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
					BodyHandlers.ofString());
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"UP\"");
			var dashboard = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), BodyHandlers.ofString());
			assertThat(dashboard.statusCode()).isEqualTo(200);
			assertThat(dashboard.body()).contains("<title>Troupe</title>");
			var signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
						Map.of("email", EMAIL, "password", PASSWORD, "name", "image test"))))
				.build(), BodyHandlers.ofString());
			assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(201);
			var token = JSON.readTree(signIn.body()).get("token").asString();
			var characters = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/characters"))
				.header("Authorization", "Bearer " + token).build(), BodyHandlers.ofString());
			assertThat(characters.statusCode()).as(characters.body()).isEqualTo(200);

			var stop = podman(Duration.ofMinutes(1), "stop", "-t", "30", name);
			assertThat(stop.exit()).as(stop.output()).isZero();
			assertThat(podman(Duration.ofSeconds(30), "logs", name).output()).contains("Bundled PostgreSQL stopped");
			System.out.printf("image: healthy %d s after podman load began, %s%n", healthyAfter.toSeconds(),
					Duration.between(started, Instant.now()).toSeconds() + " s until stopped");
		}
		finally {
			podman(Duration.ofMinutes(1), "rm", "-f", "-t", "1", name);
			podman(Duration.ofSeconds(30), "volume", "rm", "-f", name);
			podman(Duration.ofMinutes(1), "rmi", "-f", imageId);
		}
	}

	private static String exec(String container, String... command) throws Exception {
		var args = new ArrayList<>(List.of("exec", container));
		args.addAll(List.of(command));
		var result = podman(Duration.ofSeconds(30), args.toArray(String[]::new));
		assertThat(result.exit()).as("%s: %s", String.join(" ", command), result.output()).isZero();
		return result.output().strip();
	}

	private static Result podman(Duration timeout, String... args) throws Exception {
		var command = new ArrayList<>(List.of("podman"));
		if (onPath("runc")) {
			command.addAll(List.of("--runtime", "runc"));
		}
		command.addAll(List.of(args));
		return run(timeout, ROOT, command.toArray(String[]::new));
	}

	private record Result(int exit, String output) {
	}

	private static Result run(Duration timeout, Path dir, String... command) throws Exception {
		var log = Files.createTempFile("troupe-image-test", ".log");
		try {
			var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				fail("%s did not finish within %s:%n%s", String.join(" ", command), timeout, Files.readString(log));
			}
			return new Result(process.exitValue(), Files.readString(log));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	private static boolean onPath(String program) {
		for (var dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
				return true;
			}
		}
		return false;
	}

	private static byte[] entry(Path tarball, String name) throws IOException {
		try (var in = entryStream(tarball, name)) {
			return in.readAllBytes();
		}
	}

	/** One file of the image tarball (plain tar: manifest, config and gzipped layers), positioned for reading. */
	private static InputStream entryStream(Path tarball, String name) throws IOException {
		var tar = new TarArchiveInputStream(Files.newInputStream(tarball), 1 << 16);
		for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
			if (e.getName().equals(name)) {
				return tar;
			}
		}
		tar.close();
		throw new AssertionError(name + " is not in " + tarball);
	}

	private static List<String> texts(JsonNode array) {
		assertThat(array).isNotNull();
		var values = new ArrayList<String>();
		array.forEach(node -> values.add(node.asString()));
		return values;
	}

	private static List<String> names(JsonNode object) {
		assertThat(object).isNotNull();
		return new ArrayList<>(object.propertyNames());
	}
}
