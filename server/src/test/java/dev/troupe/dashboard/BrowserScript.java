package dev.troupe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the playwright-core scripts in web/e2e against a running Troupe, in the Debian Chromium. Outside CI
 * a missing Chromium skips the test; under CI=true it fails. The script's output is the assertion message.
 */
public final class BrowserScript {

	private BrowserScript() {
	}

	public static Path chromium() {
		for (var candidate : new String[] { System.getenv("CHROME_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }) {
			if (candidate != null && Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		assertThat("true".equalsIgnoreCase(System.getenv("CI"))).as("CI=true but no Chromium at /usr/bin/chromium or CHROME_PATH")
			.isFalse();
		assumeTrue(false, "Browser tests skipped: no Chromium at /usr/bin/chromium and CHROME_PATH is not set");
		return null;
	}

	/** {@link #run} signed in as the shared test application's owner ({@code TROUPE_EMAIL}, {@code TROUPE_PASSWORD}). */
	public static void runAsOwner(int port, String script, Map<String, String> env) throws Exception {
		var all = new HashMap<>(Map.of("TROUPE_EMAIL", dev.troupe.support.IntegrationTest.OWNER_EMAIL, "TROUPE_PASSWORD",
				dev.troupe.support.IntegrationTest.OWNER_PASSWORD));
		all.putAll(env);
		run(port, script, all);
	}

	public static void run(int port, String script, Map<String, String> env) throws Exception {
		var chromium = chromium();
		assertThat(BrowserScript.class.getClassLoader().getResource("static/index.html"))
			.as("the dashboard must be built into the jar: run the whole build (./troupe test), not the server alone")
			.isNotNull();
		var web = webDir();
		assertThat(web.resolve("node_modules/@axe-core/playwright")).as("web/node_modules: the Maven build runs npm ci").exists();
		var log = Files.createTempFile("e2e-", ".log");
		var builder = new ProcessBuilder("node", script).directory(web.toFile()).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		var all = new HashMap<>(Map.of("BASE_URL", "http://localhost:" + port, "CHROME_PATH", chromium.toString()));
		all.putAll(env);
		builder.environment().putAll(all);
		var process = builder.start();
		var finished = process.waitFor(6, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		var output = Files.readString(log);
		assertThat(finished).as(script + " timed out:\n" + output).isTrue();
		assertThat(process.exitValue()).as(script + " failed:\n" + output).isZero();
	}

	private static Path webDir() throws IOException {
		var configured = System.getenv("TROUPE_WEB_DIR");
		return (configured != null ? Path.of(configured) : Path.of("..", "web")).toRealPath();
	}
}
